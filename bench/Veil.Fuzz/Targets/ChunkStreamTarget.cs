using System.Buffers;
using Veil.Ingest.Rtmp;
using Veil.Ingest.Rtmp.Wire;

namespace Veil.Fuzz.Targets;

/// <summary>
/// A publisher's chunk stream after the handshake, read as an RTMP session reads it: in pieces as a
/// socket delivers them (what was not consumed offered again with the next piece), each message
/// released once handled, the reader disposed at the end, with the server's default caps. Allowed:
/// <see cref="RtmpProtocolException"/>. Invariants: the bytes held never pass the session's
/// reassembly cap (plus the pool's rounding of one message), and none are held after Dispose.
/// </summary>
public sealed class ChunkStreamTarget : IFuzzTarget
{
    private static readonly RtmpLimits Limits = new();
    private static readonly long HeldCap = Limits.Chunks.MaxReassemblyBytes + Limits.Chunks.MaxMessageBytes;

    public string Name => "ChunkStream";

    public IReadOnlyList<byte[]> Seeds() => Corpora.Ingest.AllHex(Name).ToArray();

    public string? Run(byte[] input)
    {
        try
        {
            Read(input, _ => { });
            return null;
        }
        catch (RtmpProtocolException) { return nameof(RtmpProtocolException); }
    }

    /// <summary>Reads one input, showing each message to <paramref name="handle"/> before it is released; a protocol error is thrown.</summary>
    public static void Read(byte[] input, Action<RtmpMessage> handle)
    {
        var budget = new ByteBudget(Limits.MaxReassemblyBytes);
        var reader = new ChunkReader(Limits.Chunks, budget);
        try { ReadInPieces(input, reader, budget, handle); }
        catch (RtmpProtocolException)
        {
            Close(reader, budget);
            throw;
        }
        Close(reader, budget);
    }

    private static void ReadInPieces(byte[] input, ChunkReader reader, ByteBudget budget, Action<RtmpMessage> handle)
    {
        var pieces = new Random(InputHash.Of(input)); // the same input is always cut the same way
        int consumed = 0, received = 0;
        while (received < input.Length)
        {
            received = Math.Min(input.Length, received + (pieces.Next(3) == 0 ? pieces.Next(1, 16) : pieces.Next(16, 2048)));
            var sequence = new SequenceReader<byte>(new ReadOnlySequence<byte>(input, consumed, received - consumed));
            while (reader.TryReadMessage(ref sequence, out var message))
            {
                try { handle(message); }
                finally { reader.Release(message); }
            }
            consumed += (int)sequence.Consumed;
            if (budget.Used > HeldCap) throw new InvariantBrokenException($"{budget.Used} bytes held in reassembly, over the cap of {HeldCap}");
        }
    }

    private static void Close(ChunkReader reader, ByteBudget budget)
    {
        reader.Dispose();
        if (budget.Used != 0) throw new InvariantBrokenException($"{budget.Used} bytes of the reassembly budget still held after Dispose");
    }
}
