using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Veil.Ingest.Srt.Native;

/// <summary>
/// Linux's sockaddr_in and sockaddr_in6, which libsrt takes and gives:
/// <code>
///   sockaddr_in  (16 bytes): family u16 (2) | port u16 BE | addr 4 | zero 8
///   sockaddr_in6 (28 bytes): family u16 (10) | port u16 BE | flowinfo u32 | addr 16 | scope u32
/// </code>
/// </summary>
internal static unsafe class SockAddr
{
    private const ushort Inet = 2, Inet6 = 10;
    public const int MaxSize = 28;

    public static byte[] From(IPEndPoint endpoint)
    {
        bool v6 = endpoint.AddressFamily == AddressFamily.InterNetworkV6;
        var bytes = new byte[v6 ? 28 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, v6 ? Inet6 : Inet);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), (ushort)endpoint.Port);
        endpoint.Address.TryWriteBytes(bytes.AsSpan(v6 ? 8 : 4), out _);
        if (v6) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), (uint)endpoint.Address.ScopeId);
        return bytes;
    }

    /// <summary>The endpoint at <paramref name="sockaddr"/>; an IPv4 peer seen on a dual-stack socket comes back as IPv4.</summary>
    public static IPEndPoint To(byte* sockaddr)
    {
        ushort family = *(ushort*)sockaddr;
        int port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(sockaddr + 2, 2));
        if (family == Inet) return new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(sockaddr + 4, 4)), port);
        if (family != Inet6) return new IPEndPoint(IPAddress.None, 0);
        var address = new IPAddress(new ReadOnlySpan<byte>(sockaddr + 8, 16));
        return new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
    }
}
