using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Veil.WebRtc.Srtp;

/// <summary>
/// AES in counter mode (RFC 3711 §4.1.1): block j of the keystream is AES(key, IV + j mod 2^128).
/// .NET has no CTR mode, so the counter blocks are encrypted with ECB, a chunk at a time, and
/// XORed into the data — the same keystream SRTP encryption and key derivation both use.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    public const int BlockSize = 16;
    private const int ChunkBlocks = 32; // 512 bytes of keystream per ECB call, on the stack
    private readonly Aes aes = Aes.Create();

    public AesCounterMode(ReadOnlySpan<byte> key) => aes.Key = key.ToArray();

    /// <summary>XORs the keystream that starts at <paramref name="iv"/> (16 bytes) into <paramref name="data"/>.</summary>
    public void Apply(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        UInt128 counter = BinaryPrimitives.ReadUInt128BigEndian(iv);
        Span<byte> counters = stackalloc byte[ChunkBlocks * BlockSize];
        Span<byte> keystream = stackalloc byte[ChunkBlocks * BlockSize];
        while (!data.IsEmpty)
        {
            int bytes = Math.Min(data.Length, counters.Length);
            int blocks = (bytes + BlockSize - 1) / BlockSize;
            for (int b = 0; b < blocks; b++, counter++)
                BinaryPrimitives.WriteUInt128BigEndian(counters.Slice(b * BlockSize, BlockSize), counter);
            aes.EncryptEcb(counters[..(blocks * BlockSize)], keystream, PaddingMode.None);
            for (int i = 0; i < bytes; i++) data[i] ^= keystream[i];
            data = data[bytes..];
        }
    }

    public void Dispose() => aes.Dispose();
}
