using Grpc.Core;
using Veil.Protos;

namespace Veil.Ingest.Grpc;

/// <summary>The demuxer and its options for each media kind a gRPC publisher may announce.</summary>
internal static class GrpcMedia
{
    /// <summary>Raw frames beyond this are refused whatever the server's own limit (8K).</summary>
    private const int MaxRawWidth = 7680, MaxRawHeight = 4320;

    /// <summary>The demuxer for the announced kind; a kind without the sizes it needs is refused (INVALID_ARGUMENT).</summary>
    public static (string Format, Dictionary<string, string> Options) DemuxerFor(StreamSettings s)
    {
        string rate = (s.FrameRate > 0 ? s.FrameRate : 25).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (s.FrameRate is < 0 or > 240 || double.IsNaN(s.FrameRate)) throw Invalid($"frame rate {s.FrameRate}: give 1-240 frames per second, or 0 for 25");
        switch (s.Kind)
        {
            case MediaKind.H264AnnexB:
                return ("h264", new Dictionary<string, string> { ["framerate"] = rate });
            case MediaKind.Jpeg:
                return ("mjpeg", new Dictionary<string, string> { ["framerate"] = rate });
            case MediaKind.Raw:
                if (s.Width is 0 or > MaxRawWidth || s.Height is 0 or > MaxRawHeight || s.Width % 2 != 0 || s.Height % 2 != 0)
                    throw Invalid($"raw frames of {s.Width}x{s.Height}: width and height must be even, at most {MaxRawWidth}x{MaxRawHeight}");
                if (s.PixelFormat == PixelFormat.Unspecified) throw Invalid("raw frames need a pixel format (I420 or NV12)");
                return ("rawvideo", new Dictionary<string, string>
                {
                    ["video_size"] = $"{s.Width}x{s.Height}",
                    ["pixel_format"] = s.PixelFormat == PixelFormat.Nv12 ? "nv12" : "yuv420p",
                    ["framerate"] = rate,
                });
            default:
                throw Invalid($"media kind {s.Kind}: expected H264_ANNEX_B, RAW or JPEG");
        }
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
