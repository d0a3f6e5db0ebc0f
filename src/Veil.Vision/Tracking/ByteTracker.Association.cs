using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

public sealed partial class ByteTracker
{
    private readonly List<Track> _candidates = [];
    private readonly List<int> _high = [], _low = [];
    private readonly LinearAssignment _assignment = new();
    private double[] _cost = new double[256];
    private int[] _rowToCol = new int[32];

    /// <summary>
    /// ByteTrack's stages: high detections against confirmed and lost tracks; low detections against
    /// the tracks left; leftover high and low detections against tentative tracks; births from the
    /// high ones left.
    /// </summary>
    /// <remarks>
    /// ByteTrack offers low detections to tracks matched in the previous frame only. Here lost tracks
    /// take part too, at the stricter IoU: a face turning away is both missed once and then found at
    /// a low score, and that is when its id and its redaction matter. Unmatched tentative tracks are
    /// kept (ByteTrack drops them) until <see cref="TrackerOptions.KeepRedacted"/> passes. Tentative
    /// tracks take low detections too, at the stricter IoU: a masked face is found once at 0.5 and
    /// then at 0.2-0.45 on most frames, and a track that could not follow it stood still where it was
    /// born while the face moved out of its box (moving-object seeds 16-29: face-frames readable
    /// 108 → 64, the longest run 27 → 11 frames).
    /// </remarks>
    private void Associate(IReadOnlyList<Detection> detections, TimeSpan time)
    {
        Split(detections);

        _candidates.Clear();
        foreach (var track in _tracks)
            if (track.State is TrackState.Confirmed or TrackState.Lost) _candidates.Add(track);
        Match(detections, _high, Options.FirstMatchIou, time);
        Match(detections, _low, Options.SecondMatchIou, time);
        foreach (var track in _candidates) track.Miss();

        _candidates.Clear();
        foreach (var track in _tracks)
            if (track.State == TrackState.Tentative) _candidates.Add(track);
        Match(detections, _high, Options.TentativeMatchIou, time);
        Match(detections, _low, Options.SecondMatchIou, time);
        foreach (var track in _candidates) track.Miss();

        foreach (int d in _high)
            if (detections[d].Score >= Options.NewTrackScore)
                _tracks.Add(Born(detections[d], time));
    }

    private void Split(IReadOnlyList<Detection> detections)
    {
        _high.Clear();
        _low.Clear();
        for (int i = 0; i < detections.Count; i++)
        {
            var d = detections[i];
            var b = d.Box;
            // A box the filter cannot start from (NaN, empty) is a detector bug, not an object.
            if (!(b.W > 0 && b.H > 0 && float.IsFinite(b.X) && float.IsFinite(b.Y) && float.IsFinite(b.Right) && float.IsFinite(b.Bottom))) continue;
            if (d.Score >= Options.HighScore) _high.Add(i);
            else if (d.Score >= Options.LowScore) _low.Add(i);
        }
    }

    /// <summary>
    /// Optimal assignment of <see cref="_candidates"/> to the detections listed in
    /// <paramref name="pool"/> by 1 − IoU, within a class family; matched tracks and detections
    /// leave their lists.
    /// </summary>
    /// <remarks>
    /// Both boxes of a pair are grown by the track's edge uncertainty before the IoU (the buffered
    /// IoU of C-BIoU, with the buffer taken from the filter). A confirmed track followed every frame
    /// is certain and gets plain IoU; a track one detection old, or one the detector has not looked
    /// at for several frames, moved an unknown distance, and plain IoU would lose a small fast object
    /// (a 30 px plate moving 22 px between runs overlaps its prediction at IoU 0.12) and restart it
    /// with no velocity every run.
    /// </remarks>
    private void Match(IReadOnlyList<Detection> detections, List<int> pool, float minIou, TimeSpan time)
    {
        int rows = _candidates.Count, cols = pool.Count;
        if (rows == 0 || cols == 0) return;
        if (_cost.Length < rows * cols) _cost = new double[Math.Max(rows * cols, 2 * _cost.Length)];
        if (_rowToCol.Length < rows) _rowToCol = new int[Math.Max(rows, 2 * _rowToCol.Length)];

        for (int r = 0; r < rows; r++)
        {
            var track = _candidates[r];
            var sigma = track.Uncertainty;
            float mx = Options.AssociationSigmas * sigma.EdgeX, my = Options.AssociationSigmas * sigma.EdgeY;
            var box = track.Box.Grow(mx, my, mx, my);
            for (int c = 0; c < cols; c++)
            {
                var d = detections[pool[c]];
                _cost[r * cols + c] = ClassFamily.Same(track.Class, d.Class) ? 1.0 - box.IoU(d.Box.Grow(mx, my, mx, my)) : 2.0;
            }
        }
        var rowToCol = _rowToCol.AsSpan(0, rows);
        _assignment.Solve(_cost.AsSpan(0, rows * cols), rows, cols, 1.0 - minIou, rowToCol);

        int keptRows = 0;
        for (int r = 0; r < rows; r++)
        {
            int c = rowToCol[r];
            if (c < 0)
            {
                _candidates[keptRows++] = _candidates[r];
                continue;
            }
            _candidates[r].Match(detections[pool[c]], time, Options.ConfirmHits);
            pool[c] = -1;
        }
        _candidates.RemoveRange(keptRows, rows - keptRows);

        int keptCols = 0;
        for (int c = 0; c < cols; c++)
            if (pool[c] >= 0) pool[keptCols++] = pool[c];
        pool.RemoveRange(keptCols, cols - keptCols);
    }
}
