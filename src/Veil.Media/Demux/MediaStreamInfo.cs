using Veil.Media.Frames;
using Veil.Media.Interop;

namespace Veil.Media.Demux;

public enum MediaKind { Video, Audio, Other }

/// <summary>
/// What the demuxer found in one input stream. A video's <see cref="Width"/> and <see cref="Height"/>
/// are the picture as players show it: turned upright by the stream's display matrix, as Veil's
/// decoder turns every frame.
/// </summary>
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
    /// <summary>How decoded pictures are turned upright (from the display matrix, if any).</summary>
    public FrameOrientation Orientation { get; init; }

    /// <summary>The display matrix's clockwise turn in degrees as FFmpeg reads it; null without a matrix, NaN when it holds none.</summary>
    public double? DisplayRotation { get; init; }

    /// <summary>The size the decoder delivers, before the picture is turned upright.</summary>
    public (int Width, int Height) CodedSize => Orientation.Turn(Width, Height); // a transpose swaps the size back

    public override string ToString() => Kind switch
    {
        MediaKind.Video => $"#{Index} video {CodecName} {Width}x{Height}" + (Orientation.IsAsCoded ? "" : $" (coded {CodedSize.Width}x{CodedSize.Height}, turned upright)")
            + $" @ {FrameRate.ToDouble():0.###} fps",
        MediaKind.Audio => $"#{Index} audio {CodecName} {SampleRate} Hz {Channels} ch",
        _ => $"#{Index} {CodecName}",
    };
}
