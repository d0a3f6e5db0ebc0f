using Veil.Core.Frames;
using Veil.Media.Handles;
using Veil.Media.Interop;

namespace Veil.Media.Frames;

/// <summary>
/// Moves a decoded picture out of the decoder's own buffer (which the decoder keeps reading as a
/// reference picture, so it must not be redacted in place) into a pooled I420 frame: a plane copy
/// when the format and size already match, else one swscale pass that converts and copies at once.
/// </summary>
internal sealed class FrameConverter : IDisposable
{
    private SwsHandle? _sws;
    private (int W, int H, int Fmt) _swsSource;

    public void Convert(nint decoded, AvFrameBuffer target)
    {
        int w = Shim.veil_frame_width(decoded), h = Shim.veil_frame_height(decoded);
        int fmt = Shim.veil_frame_format(decoded);
        bool i420 = fmt is AvConst.AV_PIX_FMT_YUV420P or AvConst.AV_PIX_FMT_YUVJ420P;
        if (i420 && w == target.Width && h == target.Height)
        {
            // av_frame_copy checks formats match exactly; J420 differs only in range, same layout.
            Shim.veil_set_frame_format(decoded, AvConst.AV_PIX_FMT_YUV420P);
            AvException.Check(Avutil.av_frame_copy(target.Ptr, decoded), "av_frame_copy");
            Shim.veil_set_frame_format(decoded, fmt);
            return;
        }
        if (_sws is null || _swsSource != (w, h, fmt))
        {
            _sws?.Dispose();
            _sws = new SwsHandle(Swscale.sws_getContext(w, h, fmt, target.Width, target.Height,
                AvConst.AV_PIX_FMT_YUV420P, AvConst.SWS_BILINEAR, 0, 0, 0));
            _swsSource = (w, h, fmt);
        }
        AvException.Check(Swscale.sws_scale_frame(_sws.Ptr, target.Ptr, decoded), "sws_scale_frame",
            $"converting {w}x{h} format {fmt} to {target.Width}x{target.Height} I420");
    }

    public void Dispose() => _sws?.Dispose();
}
