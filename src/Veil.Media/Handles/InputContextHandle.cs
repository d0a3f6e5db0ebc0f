using Veil.Media.Interop;

namespace Veil.Media.Handles;

/// <summary>An opened demuxer (avformat_open_input / avformat_close_input).</summary>
internal sealed unsafe class InputContextHandle : AvHandle
{
    public InputContextHandle(nint opened) => Adopt(opened, "avformat_open_input");

    protected override bool ReleaseHandle()
    {
        nint p = handle;
        Avformat.avformat_close_input(&p);
        return true;
    }
}
