using Veil.Core.Frames;
using Veil.Core.Geometry;

namespace Veil.Vision.Changes;

/// <summary>
/// Where one stream's picture changed, frame by frame, from 8x8 block means of its luma (see
/// <see cref="LumaGrid"/>): a block changed when it differs from the previous frame. (A running
/// background was tried: it marks the places objects left for seconds, and tracks already hold
/// what stopped.) Also tells
/// a scene cut, a camera pan or an exposure jump apart from motion: most of the picture changed,
/// or its mean brightness jumped. Not thread-safe: one per stream, fed every frame in order.
/// </summary>
public sealed class ChangeMap
{
    // In grey levels of a block's mean: a block whose edge moves by one pixel in front of a
    // contrast of 40 shifts by 5; x264 at CRF 23 makes still blocks wobble by 1-2.
    private const int MotionLevels = 4;
    // A cut changes at least half the blocks at once: the share rises by a quarter of the frame or
    // more from the frame before. A crowd changes about half of them on every frame, rising by 0.19
    // at most (the 640x360 crowd clip); the dashcam clips' cuts rise by 0.6-0.85.
    private const float CutShare = 0.5f, CutRise = 0.25f, CutBrightness = 10f;

    private readonly LumaGrid _grid = new();
    private readonly ChangeRegions _regions = new();
    private byte[] _previous = [];
    private ChangeSummary _before;

    /// <summary>The blocks that changed on the latest frame; empty after a cut.</summary>
    public ChangeGrid Latest { get; } = new();

    /// <summary>Frames measured so far; the first one is always a cut (nothing to compare with).</summary>
    public long Frames { get; private set; }

    /// <summary>
    /// Compares the frame with the ones before it and appends the rectangles around what changed
    /// (grown so each holds its object whole) to <paramref name="into"/>, the detailed part of
    /// each (where a plate can be), carried along its line of text, to <paramref name="detailedInto"/>,
    /// and the parts so carried, as they were, to <paramref name="carriedInto"/>; a cut appends nothing.
    /// </summary>
    public ChangeSummary Update(YuvPlanes planes, List<PixelRect> into, List<PixelRect> detailedInto, List<PixelRect> carriedInto)
    {
        _grid.Update(planes);
        var cur = _grid.Means;
        int n = cur.Length;
        if (_previous.Length != n)
        {
            _previous = new byte[n];
            Frames = 0;
            _before = default;
        }
        var changed = Latest.Reset(_grid.Columns, _grid.Rows);
        var summary = Frames == 0 ? new ChangeSummary(true, 1f, 0f) : Compare(cur, changed);
        Frames++;
        if (summary.Cut) Latest.Clear();
        else _regions.Find(changed, _grid.Detail, _grid.Columns, _grid.Rows, LumaGrid.Cell, planes.Width, planes.Height, into, detailedInto, carriedInto);
        Buffer.BlockCopy(cur, 0, _previous, 0, n);
        return summary;
    }

    private ChangeSummary Compare(byte[] cur, bool[] changedBlocks)
    {
        int n = cur.Length, changed = 0;
        long brightness = 0;
        for (int i = 0; i < n; i++)
        {
            int c = cur[i], motion = c - _previous[i];
            brightness += motion;
            bool isChanged = Math.Abs(motion) >= MotionLevels;
            changedBlocks[i] = isChanged;
            if (isChanged) changed++;
        }
        float share = (float)changed / n, jump = (float)brightness / n;
        // Only a sudden change is a cut: through a pan, a crowd or a moving pattern every frame
        // changes all over, and a full pass on each would cost more than any live stream can pay
        // (the crowd clip, whose share wanders about the half, made 33 of its 720 frames full
        // passes when every crossing of it was a cut); their regions cover the frame and are read
        // within the budgets instead.
        bool cut = (share >= CutShare && share - _before.ChangedShare >= CutRise)
            || (Math.Abs(jump) >= CutBrightness && Math.Abs(_before.BrightnessStep) < CutBrightness);
        _before = new ChangeSummary(cut, share, jump);
        return _before;
    }
}

/// <summary>One frame's change: a cut (scene cut, pan, exposure jump: look at everything), the share of blocks that changed, the mean brightness step.</summary>
public readonly record struct ChangeSummary(bool Cut, float ChangedShare, float BrightnessStep);
