using Microsoft.Extensions.Logging;
using Veil.Media.Interop;

namespace Veil.Media.Frames;

/// <summary>
/// Reads a stream's display matrix (AV_PKT_DATA_DISPLAYMATRIX, what a phone writes for portrait
/// video) the way FFmpeg's own player turns pictures upright (fftools' get_rotation and autorotate
/// filters), so Veil's output looks like what any player shows for the input. A turn by other
/// than a right angle is rounded to the nearest right angle instead of rotating by it.
/// </summary>
internal static unsafe class DisplayMatrix
{
    private const int Entries = 9;

    /// <summary>The stream's orientation and its matrix's clockwise turn in degrees (null without a matrix, NaN when degenerate).</summary>
    public static (FrameOrientation Orientation, double? Degrees) Read(nint stream)
    {
        nuint size;
        int* matrix = (int*)Avformat.av_stream_get_side_data(stream, AvConst.AV_PKT_DATA_DISPLAYMATRIX, &size);
        if (matrix is null || size < Entries * sizeof(int)) return (FrameOrientation.AsCoded, null);
        double degrees = ClockwiseDegrees(Avutil.av_display_rotation_get(matrix));
        return (Orient(new ReadOnlySpan<int>(matrix, Entries), degrees), degrees);
    }

    /// <summary>av_display_rotation_get's anticlockwise angle as a clockwise one in whole degrees, 0 to 359 (get_rotation).</summary>
    internal static double ClockwiseDegrees(double anticlockwise)
    {
        double theta = -Math.Round(anticlockwise);
        return theta - 360 * Math.Floor(theta / 360 + 0.9 / 360);
    }

    /// <summary>The transpose and flips fftools inserts for <paramref name="clockwise"/>, the matrix's signs telling a turn from a mirror.</summary>
    internal static FrameOrientation Orient(ReadOnlySpan<int> m, double clockwise)
    {
        if (double.IsNaN(clockwise)) return FrameOrientation.AsCoded;
        return NearestQuarterTurns(clockwise) switch
        {
            1 => m[3] > 0 ? new(true, false, false) : new(true, true, false),  // transpose=cclock_flip : clock
            2 => new(false, m[0] < 0, m[4] < 0),                                 // hflip and/or vflip
            3 => m[3] < 0 ? new(true, true, true) : new(true, false, true),     // transpose=clock_flip : cclock
            _ => new(false, false, m[4] < 0),                                    // vflip
        };
    }

    /// <summary>Logs one line for a matrix Veil cannot follow exactly (nothing when it follows it).</summary>
    public static void LogUnfollowed(ILogger log, int streamIndex, double? clockwise)
    {
        if (clockwise is not { } d) return;
        if (double.IsNaN(d)) MediaLog.DisplayMatrixDegenerate(log, streamIndex);
        else if (d % 90 != 0) MediaLog.DisplayMatrixRounded(log, streamIndex, d, NearestQuarterTurns(d) * 90);
    }

    private static int NearestQuarterTurns(double clockwise) => (int)Math.Round(clockwise / 90, MidpointRounding.AwayFromZero) % 4;
}
