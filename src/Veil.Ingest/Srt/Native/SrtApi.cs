using System.Runtime.InteropServices;

namespace Veil.Ingest.Srt.Native;

/// <summary>
/// The part of libsrt 1.5's C API (srt.h) the SRT ingest uses. Debian ships it as
/// libsrt1.5-gnutls (FFmpeg's own dependency) or libsrt1.5-openssl; <see cref="SrtLibrary"/>
/// finds whichever is there. Every call returns -1 (SRT_ERROR) on failure, the reason in
/// <see cref="srt_getlasterror"/> (per thread).
/// </summary>
internal static unsafe partial class SrtApi
{
    /// <summary>The name the imports use; <see cref="SrtLibrary"/> resolves it to the installed soname.</summary>
    public const string Lib = "veil-libsrt";

    public const int Error = -1;

    [LibraryImport(Lib)] public static partial int srt_startup();
    [LibraryImport(Lib)] public static partial int srt_cleanup();
    [LibraryImport(Lib)] public static partial uint srt_getversion();
    [LibraryImport(Lib)] public static partial int srt_create_socket();
    [LibraryImport(Lib)] public static partial int srt_bind(int u, byte* name, int namelen);
    [LibraryImport(Lib)] public static partial int srt_listen(int u, int backlog);
    [LibraryImport(Lib)] public static partial int srt_accept(int u, byte* addr, int* addrlen);
    [LibraryImport(Lib)] public static partial int srt_getsockname(int u, byte* name, int* namelen);

    /// <summary>hook_fn: int (void* opaque, SRTSOCKET ns, int hsversion, const sockaddr* peer, const char* streamid); non-zero rejects.</summary>
    [LibraryImport(Lib)] public static partial int srt_listen_callback(int lsn, delegate* unmanaged<nint, int, int, byte*, byte*, int> hook, nint opaque);

    [LibraryImport(Lib)] public static partial int srt_close(int u);
    [LibraryImport(Lib)] public static partial int srt_setsockflag(int u, SrtOption opt, void* optval, int optlen);
    [LibraryImport(Lib)] public static partial int srt_recvmsg(int u, byte* buf, int len);
    [LibraryImport(Lib)] public static partial int srt_setrejectreason(int sock, int value);
    [LibraryImport(Lib)] public static partial int srt_bstats(int u, byte* perf, int clear);
    [LibraryImport(Lib)] public static partial int srt_getlasterror(int* errnoLoc);
    [LibraryImport(Lib)] public static partial byte* srt_getlasterror_str();
    [LibraryImport(Lib)] public static partial int srt_epoll_create();
    [LibraryImport(Lib)] public static partial int srt_epoll_add_usock(int eid, int u, int* events);
    [LibraryImport(Lib)] public static partial int srt_epoll_uwait(int eid, SrtEpollEvent* fdsSet, int fdsSize, long msTimeOut);
    [LibraryImport(Lib)] public static partial int srt_epoll_release(int eid);
    [LibraryImport(Lib)] public static partial void srt_setloglevel(int level);

    /// <summary>handler: void (void* opaque, int level, const char* file, int line, const char* area, const char* message).</summary>
    [LibraryImport(Lib)] public static partial void srt_setloghandler(nint opaque, delegate* unmanaged<nint, int, byte*, int, byte*, byte*, void> handler);

    /// <summary>What the last failed call on this thread said (SRT_ERRNO) and its text.</summary>
    public static (int Code, string Text) LastError()
    {
        int code = srt_getlasterror(null);
        return (code, Marshal.PtrToStringUTF8((nint)srt_getlasterror_str()) ?? $"SRT error {code}");
    }

    public static int SetInt(int socket, SrtOption option, int value) => srt_setsockflag(socket, option, &value, sizeof(int));

    public static int SetString(int socket, SrtOption option, string value)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes) return srt_setsockflag(socket, option, p, bytes.Length);
    }
}

/// <summary>SRT_SOCKOPT values used here.</summary>
internal enum SrtOption
{
    RcvSyn = 2,
    RcvTimeo = 14,
    PassPhrase = 26,
    RcvLatency = 43,
}

/// <summary>SRT_ERRNO values the ingest tells apart.</summary>
internal static class SrtErrors
{
    public const int ConnectionLost = 2001, NoConnection = 2002, InvalidSocket = 5004, AsyncReceive = 6002, Timeout = 6003;
}

/// <summary>SRT_EPOLL_EVENT.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SrtEpollEvent
{
    public int Socket;
    public int Events;

    public const int In = 0x1, Error = 0x8;
}
