using System.Buffers.Binary;
using System.Text;

namespace Veil.Media.Demux;

/// <summary>
/// Reads the top-level box layout of an ISO BMFF file (mp4, mov, m4v, 3gp), ISO/IEC 14496-12 §4.2,
/// to tell a file cut short from one whose bytes are all there but whose header is damaged.
///
///   0        4        8                    16
///   +--------+--------+--------------------+-------------
///   | size   | type   | largesize (BE64),  | payload ...
///   | (BE32) | 'moov' | only if size == 1  |
///   +--------+--------+--------------------+-------------
///   size counts the header; size 0 means the box runs to the end of the file.
/// </summary>
internal static class IsoBmffBoxes
{
    /// <summary>Box types found at the top level of real files; a walk must start at one of them.</summary>
    private static readonly HashSet<string> TopLevel =
        ["ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid", "sidx", "ssix", "moof", "mfra", "meta", "pdin", "emsg", "prft"];

    /// <summary>Bytes searched for intact boxes after damage: the file's head, and its tail (where a non-faststart 'moov' lies).</summary>
    private const int HeadWindow = 1 << 20, TailWindow = 64 << 20;

    /// <summary>Follows box sizes from <paramref name="offset"/>, whose box must be of a known top-level type, until the file ends or they stop making sense.</summary>
    public static BoxChain Walk(Stream file, long offset)
    {
        long length = file.Length;
        bool index = false, first = true;
        Span<byte> header = stackalloc byte[16];
        while (offset < length)
        {
            int read = ReadAt(file, offset, header);
            if (read < 8) return new BoxChain(BoxChainEnd.PastFileEnd, offset, "", offset + 8, index, false);
            uint size32 = BinaryPrimitives.ReadUInt32BigEndian(header);
            string type = Encoding.Latin1.GetString(header[4..8]);
            if (!IsTypeName(type) || (first && !TopLevel.Contains(type)))
                return new BoxChain(BoxChainEnd.Invalid, offset, type, offset, index, false);
            long size = size32;
            if (size32 == 1)
            {
                if (read < 16) return new BoxChain(BoxChainEnd.PastFileEnd, offset, type, offset + 16, index, false);
                ulong large = BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                if (large < 16 || large > long.MaxValue - (ulong)offset) return new BoxChain(BoxChainEnd.Invalid, offset, type, offset, index, false);
                size = (long)large;
            }
            else if (size32 is > 1 and < 8) return new BoxChain(BoxChainEnd.Invalid, offset, type, offset, index, false);
            index |= type == "moov";
            if (size32 == 0) return new BoxChain(BoxChainEnd.AtFileEnd, offset, type, length, index, true);
            if (offset + size > length) return new BoxChain(BoxChainEnd.PastFileEnd, offset, type, offset + size, index, false);
            offset += size;
            first = false;
        }
        return new BoxChain(BoxChainEnd.AtFileEnd, offset, "", length, index, false);
    }

    /// <summary>
    /// The offset, at or after <paramref name="from"/>, of a run of known boxes whose declared sizes end
    /// exactly at the end of the file: proof that the bytes up to the end are all there. Null if none.
    /// </summary>
    public static long? FindIntactRun(Stream file, long from)
    {
        long length = file.Length;
        foreach (var (start, end) in new[] { (from, Math.Min(length, from + HeadWindow)), (Math.Max(from, length - TailWindow), length) })
        {
            if (end - start < 8) continue;
            var bytes = new byte[end - start];
            ReadAt(file, start, bytes);
            for (int i = 0; i + 8 <= bytes.Length; i++)
            {
                uint size32 = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(i));
                if (size32 is 0 or (> 1 and < 8)) continue; // size 0 reaches the end by definition: no proof
                if (!TopLevel.Contains(Encoding.Latin1.GetString(bytes, i + 4, 4))) continue;
                var run = Walk(file, start + i);
                if (run is { End: BoxChainEnd.AtFileEnd, OpenEnded: false }) return start + i;
            }
        }
        return null;
    }

    private static bool IsTypeName(string type) => type.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ');

    private static int ReadAt(Stream file, long offset, Span<byte> buffer)
    {
        file.Position = offset;
        return file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }
}
