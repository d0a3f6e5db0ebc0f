using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Veil.TestSupport;

/// <summary>
/// A bare libsrt caller (the library FFmpeg and GStreamer use, bound here on its own, apart from
/// Veil's binding): connects with a stream id and reads the reject code the listener sent, which
/// FFmpeg 5.1 does not print (its libsrt logs "Application-defined rejection reason" for them all),
/// or stays connected sending nothing but SRT's keep-alives.
/// </summary>
public sealed unsafe partial class SrtCaller : IDisposable
{
    private const string Lib = "libsrt-gnutls.so.1.5";
    private const int StreamIdOption = 46, ConnectTimeoutOption = 36, Broken = 6;
    private readonly int _socket;

    private SrtCaller(int socket) => _socket = socket;

    /// <summary>True while the listener has not closed the connection.</summary>
    public bool IsConnected => srt_getsockstate(_socket) < Broken;

    /// <summary>The listener's reject code for <paramref name="streamId"/> (1401, 1404...), or 0 when it let the caller in.</summary>
    public static int RejectCode(int port, string streamId)
    {
        var (caller, code) = Open(port, streamId);
        caller.Dispose();
        return code;
    }

    /// <summary>A connection with <paramref name="streamId"/> that sends no media; throws when refused.</summary>
    public static SrtCaller Connect(int port, string streamId)
    {
        var (caller, code) = Open(port, streamId);
        if (code == 0) return caller;
        caller.Dispose();
        throw new InvalidOperationException($"the listener refused the stream id with {code}");
    }

    private static (SrtCaller, int RejectCode) Open(int port, string streamId)
    {
        srt_startup();
        var caller = new SrtCaller(srt_create_socket());
        var id = Encoding.UTF8.GetBytes(streamId);
        fixed (byte* p = id) Check(srt_setsockflag(caller._socket, StreamIdOption, p, id.Length));
        int timeout = 5000;
        Check(srt_setsockflag(caller._socket, ConnectTimeoutOption, &timeout, sizeof(int)));
        var address = new byte[16];
        address[0] = 2; // sockaddr_in: AF_INET, the port big-endian, 127.0.0.1
        address[2] = (byte)(port >> 8);
        address[3] = (byte)port;
        IPAddress.Loopback.TryWriteBytes(address.AsSpan(4), out _);
        fixed (byte* a = address)
            return (caller, srt_connect(caller._socket, a, address.Length) == -1 ? srt_getrejectreason(caller._socket) : 0);
    }

    public void Dispose()
    {
        srt_close(_socket);
        srt_cleanup();
    }

    private static void Check(int result)
    {
        if (result == -1) throw new InvalidOperationException("libsrt: " + Marshal.PtrToStringUTF8((nint)srt_getlasterror_str()));
    }

    [LibraryImport(Lib)] private static partial int srt_startup();
    [LibraryImport(Lib)] private static partial int srt_cleanup();
    [LibraryImport(Lib)] private static partial int srt_create_socket();
    [LibraryImport(Lib)] private static partial int srt_setsockflag(int u, int opt, void* optval, int optlen);
    [LibraryImport(Lib)] private static partial int srt_connect(int u, byte* name, int namelen);
    [LibraryImport(Lib)] private static partial int srt_getrejectreason(int u);
    [LibraryImport(Lib)] private static partial int srt_getsockstate(int u);
    [LibraryImport(Lib)] private static partial int srt_close(int u);
    [LibraryImport(Lib)] private static partial byte* srt_getlasterror_str();
}
