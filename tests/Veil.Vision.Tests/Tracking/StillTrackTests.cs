using Veil.Core.Detections;
using Veil.Vision.Changes;
using Veil.Vision.Detectors;
using Veil.Vision.Tracking;

namespace Veil.Vision.Tests.Tracking;

/// <summary>
/// A plate track whose picture has not changed since its detection is held where it was detected
/// (a burned-in clock, a parked car), instead of being grown frame after frame by a motion nobody
/// saw; once anything under it changes, or a frame's changes are not known, it is carried as before.
/// </summary>
public sealed class StillTrackTests
{
    private const int Width = 1280, Height = 720;
    private static readonly BoxF Caption = new(500, 620, 560, 56); // a 10:1 line of text, as on the CCTV clip
    private static TimeSpan At(int frame) => TimeSpan.FromSeconds(frame / 25.0);

    /// <summary>Held: the box stays what it was on the frame it was detected, however long nothing changes.</summary>
    [Fact]
    public void A_text_line_nothing_changed_under_stays_the_box_it_had_when_detected()
    {
        var detected = Carry(frames: 0, changes: Unchanged);
        var held = Carry(frames: 20, changes: Unchanged);
        Assert.True(Math.Abs(held.X - detected.X) < 1 && Math.Abs(held.Right - detected.Right) < 1 && Math.Abs(held.Y - detected.Y) < 1 && Math.Abs(held.Bottom - detected.Bottom) < 1,
            $"held box {held} moved or grew from {detected}, its box when detected");
    }

    [Fact]
    public void Without_the_frames_changes_it_is_carried_grown_by_its_uncertainty()
    {
        var detected = Carry(frames: 0, changes: Unchanged);
        var box = Carry(frames: 10, changes: _ => null);
        Assert.True(box.H > detected.H * 1.5f, $"carried box {box} did not grow from {detected}");
    }

    [Fact]
    public void One_changed_block_under_it_ends_the_hold_until_it_is_detected_again()
    {
        var held = Carry(frames: 10, changes: Unchanged);
        var broken = Carry(frames: 10, changes: f => f == 4 ? ChangedAt(Caption) : Unchanged(f));
        Assert.True(broken.Area > held.Area * 1.5f, $"after a change at frame 4 the box {broken} is no larger than the held {held}");
    }

    /// <summary>Carried a second unseen, a caption grows across by at most a plate of its height a side (by its own width, it grew 2x).</summary>
    [Fact]
    public void A_wide_line_is_grown_across_by_no_more_than_a_plate_of_its_height()
    {
        var box = Carry(frames: 24, changes: _ => null);
        float cap = TrackerOptions.WidestGrown * Caption.H * new TrackerOptions().MaxGrowth;
        Assert.True(box.W > Caption.W, $"the carried caption {box} did not grow");
        Assert.True(box.X >= Caption.X - cap - 1 && box.Right <= Caption.Right + cap + 1, $"the carried caption {box} grew more than {cap:0} px a side from {Caption}");
    }

    /// <summary>Detects <paramref name="box"/> on frames 0 and 1, then runs the plate model on <paramref name="frames"/> more that find nothing; the redaction box at the end.</summary>
    private static BoxF Carry(int frames, Func<int, ChangeGrid?> changes, BoxF? box = null)
    {
        var tracks = new TrackSet();
        var carried = new List<Detection>();
        var seen = new Detection(box ?? Caption, ObjectClass.Plate, 0.9f);
        for (int f = 0; f < 2 + frames; f++)
        {
            carried.Clear();
            tracks.Update(ModelFamilies.Plates, f < 2 ? [seen] : [], At(f), carried, changes(f));
        }
        return Assert.Single(carried).Box;
    }

    private static ChangeGrid? Unchanged(int frame)
    {
        var grid = new ChangeGrid();
        grid.Reset(Width / LumaGrid.Cell, Height / LumaGrid.Cell);
        return grid;
    }

    private static ChangeGrid ChangedAt(BoxF box)
    {
        var grid = new ChangeGrid();
        var blocks = grid.Reset(Width / LumaGrid.Cell, Height / LumaGrid.Cell);
        blocks[(int)(box.CenterY / LumaGrid.Cell) * grid.Columns + (int)(box.CenterX / LumaGrid.Cell)] = true;
        return grid;
    }
}
