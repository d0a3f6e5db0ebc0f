using System.Buffers.Binary;

namespace Veil.Ingest.Srt.Native;

/// <summary>
/// What libsrt counted on a receiving socket (srt_bstats' CBytePerfMon, the totals), for the line a
/// session ends with: how much came, how much was lost on the way, and how much came too late to play.
/// <code>
///   @0 msTimeStamp i64 | @8 pktSentTotal i64 | @16 pktRecvTotal i64 | @24 pktSndLossTotal i32 | @28 pktRcvLossTotal i32
///   ... | @68 pktRcvDropTotal i32 | ...   (the whole struct is under 512 bytes in 1.5)
/// </code>
/// </summary>
internal readonly record struct SrtReceiveStats(long Packets, int Lost, int Dropped)
{
    private const int StructBytes = 1024;

    /// <summary>The socket's totals so far; null once it is gone (a broken connection has none left to read).</summary>
    public static unsafe SrtReceiveStats? Of(int socket)
    {
        byte* perf = stackalloc byte[StructBytes];
        if (SrtApi.srt_bstats(socket, perf, 0) == SrtApi.Error) return null;
        var bytes = new ReadOnlySpan<byte>(perf, StructBytes);
        return new(BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[28..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[68..]));
    }

    public override string ToString() => $"{Packets} packets, {Lost} lost on the way, {Dropped} too late to play";
}
