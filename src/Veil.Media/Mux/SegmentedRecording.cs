using System.Text.RegularExpressions;
using Veil.Media.Demux;
using Veil.Media.Interop;

namespace Veil.Media.Mux;

/// <summary>
/// A live run recorded as a series of whole MP4 files, a new one at the first video keyframe after
/// <c>segment</c> has passed. Each file is written under a ".part" name and renamed when it is
/// closed, so a crash leaves every closed file playable and loses at most the one being written
/// (an MP4's index is written last). Each file's timestamps start at 0.
/// </summary>
public sealed class SegmentedRecording(string folder, TimeSpan segment, Func<string, MediaOutput> open, Action<string> closed) : IPacketSink
{
    public const string PartSuffix = ".part";
    private const string NameFormat = "yyyyMMdd'T'HHmmss'.'fff'Z.mp4'";
    private static readonly Regex OwnName = new(@"^\d{8}T\d{6}\.\d{3}Z\.mp4$", RegexOptions.CultureInvariant);

    /// <summary>True for a closed file this class names (never a file of someone else's in the same folder).</summary>
    public static bool IsOwnFile(string fileName) => OwnName.IsMatch(fileName);

    /// <summary>True for a file this class was writing when it was stopped without closing it.</summary>
    public static bool IsOwnPart(string fileName) => fileName.EndsWith(PartSuffix, StringComparison.Ordinal) && IsOwnFile(fileName[..^PartSuffix.Length]);

    private const int VideoStream = 0; // the run's muxers add the video stream first
    private MediaOutput? _output;
    private string? _part;
    private long _segmentStartUs, _offsetUs;

    public void Write(MediaPacket packet, int streamIndex, long startOffsetUs)
    {
        long nowUs = Micros(packet);
        bool cut = streamIndex == VideoStream && packet.IsKeyframe && nowUs != long.MinValue;
        if (_output is not null && cut && nowUs - _segmentStartUs >= segment.Ticks / 10)
            Close();
        if (_output is null)
        {
            // The run's first file starts where the run does (audio held for the first keyframe goes before it); later ones at their keyframe.
            _offsetUs = _part is null || !cut ? startOffsetUs : nowUs;
            _segmentStartUs = cut ? nowUs : startOffsetUs;
            _part = Path.Combine(folder, DateTime.UtcNow.ToString(NameFormat, System.Globalization.CultureInfo.InvariantCulture) + PartSuffix);
            _output = open(_part);
        }
        _output.Write(packet, streamIndex, _offsetUs);
    }

    /// <summary>Closes the file being written (its index written) and gives it its final name.</summary>
    private void Close()
    {
        var output = _output!;
        _output = null;
        try { output.Finish(); }
        finally { output.Dispose(); }
        string final = _part![..^PartSuffix.Length];
        File.Move(_part, final);
        closed(final);
    }

    private static long Micros(MediaPacket p) =>
        p.Pts == AvConst.AV_NOPTS_VALUE ? long.MinValue : p.Pts * 1_000_000L * p.TimeBase.Num / p.TimeBase.Den;

    public void Finish()
    {
        if (_output is not null) Close();
    }

    public void Interrupt() => _output?.Interrupt();

    /// <summary>Without <see cref="Finish"/> (a failed write, a stop): the file being written stays a ".part", never passed off as whole.</summary>
    public void Dispose() => _output?.Dispose();
}
