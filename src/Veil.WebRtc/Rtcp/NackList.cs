using System.Buffers.Binary;

namespace Veil.WebRtc.Rtcp;

/// <summary>
/// The Generic NACK FCI (RFC 4585 §6.2.1): each entry names a lost packet (PID) and, in the bitmask
/// of following lost packets (BLP), bit i set for packet PID+i+1 lost as well.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |            PID                |             BLP               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
internal static class NackList
{
    public static List<ushort> Expand(ReadOnlySpan<byte> fci)
    {
        var lost = new List<ushort>();
        for (int pos = 0; pos + 4 <= fci.Length; pos += 4)
        {
            ushort pid = BinaryPrimitives.ReadUInt16BigEndian(fci[pos..]);
            ushort blp = BinaryPrimitives.ReadUInt16BigEndian(fci[(pos + 2)..]);
            lost.Add(pid);
            for (int bit = 0; bit < 16; bit++)
                if ((blp & (1 << bit)) != 0) lost.Add((ushort)(pid + bit + 1));
        }
        return lost;
    }

    /// <summary>
    /// Packs sequence numbers (any order, duplicates allowed) into as few PID/BLP pairs as a greedy
    /// walk in packet order gives. Order is taken around the first number, so a list may straddle the 65535→0 wrap.
    /// </summary>
    public static List<(ushort Pid, ushort Blp)> Compress(IEnumerable<ushort> sequenceNumbers)
    {
        var distinct = sequenceNumbers.Distinct().ToList();
        var pairs = new List<(ushort, ushort)>();
        if (distinct.Count == 0) return pairs;
        ushort middle = (ushort)(distinct[0] + 0x8000);
        distinct.Sort((a, b) => ((ushort)(a - middle)).CompareTo((ushort)(b - middle)));
        for (int i = 0; i < distinct.Count;)
        {
            ushort pid = distinct[i++];
            ushort blp = 0;
            for (; i < distinct.Count && (ushort)(distinct[i] - pid) <= 16; i++) blp |= (ushort)(1 << ((ushort)(distinct[i] - pid) - 1));
            pairs.Add((pid, blp));
        }
        return pairs;
    }
}
