using System.Buffers.Binary;
using System.Text;

namespace Veil.WebRtc.Matroska;

/// <summary>Builds the one-off header elements (EBML header, Info, Tracks) into a growing buffer; master elements nest by building their body first.</summary>
internal sealed class EbmlBuffer
{
    private readonly MemoryStream bytes = new();

    public void Unsigned(uint id, ulong value)
    {
        Span<byte> element = stackalloc byte[4 + 1 + 8];
        bytes.Write(element[..Ebml.WriteUnsigned(element, id, value)]);
    }

    public void Float(uint id, double value)
    {
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(data, value);
        Binary(id, data);
    }

    public void String(uint id, string value) => Binary(id, Encoding.ASCII.GetBytes(value));

    public void Binary(uint id, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[4 + 8];
        int length = Ebml.WriteId(head, id);
        length += Ebml.WriteSize(head[length..], data.Length);
        bytes.Write(head[..length]);
        bytes.Write(data);
    }

    public void Master(uint id, Action<EbmlBuffer> body)
    {
        var inner = new EbmlBuffer();
        body(inner);
        Binary(id, inner.bytes.GetBuffer().AsSpan(0, (int)inner.bytes.Length));
    }

    /// <summary>The ID and an unknown size: the element's children follow for as long as the stream lasts.</summary>
    public void OpenEnded(uint id)
    {
        Span<byte> head = stackalloc byte[4 + 8];
        int length = Ebml.WriteId(head, id);
        length += Ebml.WriteUnknownSize(head[length..]);
        bytes.Write(head[..length]);
    }

    public byte[] ToArray() => bytes.ToArray();
}
