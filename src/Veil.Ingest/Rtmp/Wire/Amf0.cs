using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Veil.Ingest.Rtmp.Wire;

// AMF0 (Adobe AMF0 specification, section 2): each value is a one-byte marker and its body.
//   0x00 number      | float64 big endian
//   0x01 boolean     | u8
//   0x02 string      | u16 length | UTF-8
//   0x03 object      | (u16 key length | key | value)* | 0x00 0x00 0x09
//   0x05 null, 0x06 undefined
//   0x08 ECMA array  | u32 count (a hint) | properties as in an object, ending 0x00 0x00 0x09
//   0x0A strict array| u32 count | value*
//   0x0B date        | float64 ms | s16 time zone
//   0x0C long string | u32 length | UTF-8

/// <summary>
/// AMF0, the encoding of RTMP commands: numbers, booleans, strings, objects, null, ECMA and strict
/// arrays, dates. Values come back as double, bool, string, null, or a dictionary / list of them.
/// A truncated or unknown value is an <see cref="RtmpProtocolException"/>.
/// </summary>
public static class Amf0
{
    private const byte Number = 0, Boolean = 1, String = 2, Object = 3, Null = 5, Undefined = 6, EcmaArray = 8, ObjectEnd = 9, StrictArray = 10, Date = 11, LongString = 12;
    private const int MaxDepth = 16;

    /// <summary>Every value in <paramref name="data"/>, in order.</summary>
    public static List<object?> ReadAll(ReadOnlySpan<byte> data)
    {
        var values = new List<object?>();
        int pos = 0;
        while (pos < data.Length) values.Add(Read(data, ref pos, 0));
        return values;
    }

    private static object? Read(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        if (depth > MaxDepth) throw new RtmpProtocolException($"AMF0 values nested deeper than {MaxDepth}");
        byte marker = Take(data, ref pos, 1)[0];
        switch (marker)
        {
            case Number: return BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref pos, 8));
            case Boolean: return Take(data, ref pos, 1)[0] != 0;
            case String: return ReadString(data, ref pos, BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref pos, 2)));
            case LongString: return ReadString(data, ref pos, BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref pos, 4)));
            case Null or Undefined: return null;
            case Object: return ReadProperties(data, ref pos, depth);
            case EcmaArray:
                Take(data, ref pos, 4); // a count hint; the end marker is what counts
                return ReadProperties(data, ref pos, depth);
            case StrictArray:
            {
                uint count = BinaryPrimitives.ReadUInt32BigEndian(Take(data, ref pos, 4));
                if (count > (uint)(data.Length - pos)) throw new RtmpProtocolException($"AMF0 array of {count} items in {data.Length - pos} bytes");
                var list = new List<object?>((int)count);
                for (uint i = 0; i < count; i++) list.Add(Read(data, ref pos, depth + 1));
                return list;
            }
            case Date:
                double ms = BinaryPrimitives.ReadDoubleBigEndian(Take(data, ref pos, 8));
                Take(data, ref pos, 2); // time zone, unused
                return ms;
            default: throw new RtmpProtocolException($"unknown AMF0 type marker 0x{marker:x2} at byte {pos - 1}");
        }
    }

    private static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> data, ref int pos, int depth)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (true)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(Take(data, ref pos, 2));
            if (length == 0 && pos < data.Length && data[pos] == ObjectEnd)
            {
                pos++;
                return properties;
            }
            string key = ReadString(data, ref pos, length);
            properties[key] = Read(data, ref pos, depth + 1);
        }
    }

    private static string ReadString(ReadOnlySpan<byte> data, ref int pos, long length) => Encoding.UTF8.GetString(Take(data, ref pos, length));

    // A length up to 2^32 - 1 (long string) is compared with what is left, never added to the position.
    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> data, ref int pos, long count)
    {
        if (count > data.Length - pos) throw new RtmpProtocolException($"AMF0 value cut short at byte {pos} (needs {count} more, {data.Length - pos} left)");
        var slice = data.Slice(pos, (int)count);
        pos += (int)count;
        return slice;
    }

    /// <summary>Writes values: double, bool, string, null, or a dictionary (an object).</summary>
    public static byte[] Write(params object?[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var v in values) WriteValue(buffer, v);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(ArrayBufferWriter<byte> buffer, object? value)
    {
        switch (value)
        {
            case null:
                buffer.Write<byte>([Null]);
                break;
            case bool b:
                buffer.Write<byte>([Boolean, (byte)(b ? 1 : 0)]);
                break;
            case string s:
                buffer.Write<byte>([String]);
                WriteKey(buffer, s);
                break;
            case IReadOnlyDictionary<string, object?> properties:
                buffer.Write<byte>([Object]);
                foreach (var (k, v) in properties)
                {
                    WriteKey(buffer, k);
                    WriteValue(buffer, v);
                }
                buffer.Write<byte>([0, 0, ObjectEnd]);
                break;
            default:
                var span = buffer.GetSpan(9);
                span[0] = Number;
                BinaryPrimitives.WriteDoubleBigEndian(span[1..], Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
                buffer.Advance(9);
                break;
        }
    }

    private static void WriteKey(ArrayBufferWriter<byte> buffer, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var span = buffer.GetSpan(2);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)bytes.Length);
        buffer.Advance(2);
        buffer.Write(bytes);
    }
}
