using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// A bare libsrt caller (the library FFmpeg and GStreamer use, bound here on its own, apart from
/// Veil's binding): connects with a stream id and reads the reject code the listener sent, which
/// FFmpeg 5.1 does not print (its libsrt logs "Application-defined rejection reason" for them all).
/// </summary>
internal static unsafe partial class SrtCaller
{
    private const string Lib = "libsrt-gnutls.so.1.5";
    private const int StreamIdOption = 46, ConnectTimeoutOption = 36;

    /// <summary>The listener's reject code for <paramref name="streamId"/> (1401, 1404...), or 0 when it let the caller in.</summary>
    public static int RejectCode(int port, string streamId)
    {
        srt_startup();
        int socket = srt_create_socket();
        try
        {
            var id = Encoding.UTF8.GetBytes(streamId);
            fixed (byte* p = id) Check(srt_setsockflag(socket, StreamIdOption, p, id.Length));
            int timeout = 5000;
            Check(srt_setsockflag(socket, ConnectTimeoutOption, &timeout, sizeof(int)));
            var address = new byte[16];
            address[0] = 2; // AF_INET, port big-endian, 127.0.0.1
            address[2] = (byte)(port >> 8);
            address[3] = (byte)port;
            IPAddress.Loopback.TryWriteBytes(address.AsSpan(4), out _);
            fixed (byte* a = address)
                return srt_connect(socket, a, address.Length) == -1 ? srt_getrejectreason(socket) : 0;
        }
        finally
        {
            srt_close(socket);
            srt_cleanup();
        }
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
    [LibraryImport(Lib)] private static partial int srt_close(int u);
    [LibraryImport(Lib)] private static partial byte* srt_getlasterror_str();
}
