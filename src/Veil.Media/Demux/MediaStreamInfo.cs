using Veil.Media.Interop;

namespace Veil.Media.Demux;

public enum MediaKind { Video, Audio, Other }

/// <summary>What the demuxer found in one input stream.</summary>
public sealed record MediaStreamInfo(
    int Index,
    MediaKind Kind,
    string CodecName,
    int CodecId,
    AvRational TimeBase,
    AvRational FrameRate,
    int Width,
    int Height,
    int SampleRate,
    int Channels,
    long FrameCount)
{
    public override string ToString() => Kind switch
    {
        MediaKind.Video => $"#{Index} video {CodecName} {Width}x{Height} @ {FrameRate.ToDouble():0.###} fps",
        MediaKind.Audio => $"#{Index} audio {CodecName} {SampleRate} Hz {Channels} ch",
        _ => $"#{Index} {CodecName}",
    };
}
