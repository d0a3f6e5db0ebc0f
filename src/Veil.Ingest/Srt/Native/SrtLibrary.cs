using System.Reflection;
using System.Runtime.InteropServices;

namespace Veil.Ingest.Srt.Native;

/// <summary>
/// Finds libsrt 1.5 under the sonames Debian ships it as (FFmpeg's own is the GnuTLS flavour), and
/// checks its version once, so a missing or old library stops the SRT ingest at start with what to
/// install instead of failing on the first call.
/// </summary>
internal static class SrtLibrary
{
    private static readonly string[] Sonames = ["libsrt-gnutls.so.1.5", "libsrt-openssl.so.1.5", "libsrt.so.1.5"];
    private static readonly Lazy<uint> Loaded = new(Load);

    /// <summary>The loaded library's version (0x010501 for 1.5.1); throws when there is none usable.</summary>
    public static uint EnsureLoaded() => Loaded.Value;

    public static string FormatVersion(uint v) => $"{v >> 16}.{(v >> 8) & 0xff}.{v & 0xff}";

    private static uint Load()
    {
        NativeLibrary.SetDllImportResolver(typeof(SrtLibrary).Assembly, Resolve);
        uint version;
        try { version = SrtApi.srt_getversion(); }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException($"the SRT ingest needs libsrt 1.5 ({string.Join(", ", Sonames)}; Debian: libsrt1.5-gnutls, which FFmpeg pulls in): {e.Message}", e);
        }
        if (version >> 8 < 0x0105) throw new InvalidOperationException($"the SRT ingest needs libsrt 1.5 or newer, found {FormatVersion(version)}");
        return version;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != SrtApi.Lib) return 0;
        foreach (string soname in Sonames)
            if (NativeLibrary.TryLoad(soname, assembly, path, out nint handle)) return handle;
        return 0;
    }
}
