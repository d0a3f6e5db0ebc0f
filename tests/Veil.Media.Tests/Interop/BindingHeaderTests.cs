using Veil.Media;
using Veil.Media.Interop;

namespace Veil.Media.Tests.Interop;

/// <summary>
/// The C# declarations must agree with the installed FFmpeg: the shim is compiled against the
/// -dev headers, so it reports their versions and constant values; the loaded libraries report
/// theirs. Any drift (another FFmpeg, a wrong constant) fails here, not mid-stream.
/// </summary>
public sealed class BindingHeaderTests
{
    [Fact]
    public void LoadedLibrariesMatchHeadersAndBindingMajors()
    {
        FFmpegRuntime.EnsureInitialized();
        foreach (var (lib, expectedMajor, loaded, header) in FFmpegRuntime.Versions())
        {
            Assert.True(loaded >> 16 == expectedMajor, $"{lib}: loaded {FFmpegRuntime.FormatVersion(loaded)}, bindings expect major {expectedMajor}");
            Assert.True(header == loaded, $"{lib}: headers {FFmpegRuntime.FormatVersion(header)} differ from loaded {FFmpegRuntime.FormatVersion(loaded)}");
        }
    }

    [Fact]
    public unsafe void EveryConstantMatchesTheHeaders()
    {
        foreach (var (name, value) in AvConst.ByCName)
        {
            long header;
            Assert.True(Shim.veil_constant(name, &header) == 1, $"the shim does not know {name}");
            Assert.True(header == value, $"{name}: C# has {value}, headers define {header}");
        }
    }

    [Fact]
    public unsafe void ShimRejectsUnknownConstant()
    {
        long v;
        Assert.Equal(0, Shim.veil_constant("NOT_A_CONSTANT", &v));
    }

    [Fact]
    public void ErrorTextComesFromAvStrerror()
    {
        var e = new AvException("av_read_frame", AvConst.AVERROR_EOF);
        Assert.Equal("av_read_frame failed: End of file", e.Message);
        Assert.Throws<AvException>(() => AvException.Check(AvConst.AVERROR_INVALIDDATA, "avcodec_send_packet"));
        Assert.Equal(5, AvException.Check(5, "x"));
    }
}
