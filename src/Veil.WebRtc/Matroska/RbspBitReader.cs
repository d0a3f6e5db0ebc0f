namespace Veil.WebRtc.Matroska;

/// <summary>
/// Reads bits and Exp-Golomb codes (H.264 §9.1) from a NAL unit's payload with the emulation
/// prevention bytes (00 00 03) already removed. Reading past the end sets <see cref="Failed"/> and yields zeros.
/// </summary>
internal ref struct RbspBitReader(ReadOnlySpan<byte> rbsp)
{
    private readonly ReadOnlySpan<byte> data = rbsp;
    private int bit;

    public bool Failed { get; private set; }

    public uint Bits(int count)
    {
        uint value = 0;
        for (int i = 0; i < count; i++) value = (value << 1) | Bit();
        return value;
    }

    public uint Bit()
    {
        if (bit >= data.Length * 8)
        {
            Failed = true;
            return 0;
        }
        uint value = (uint)(data[bit >> 3] >> (7 - (bit & 7))) & 1;
        bit++;
        return value;
    }

    /// <summary>ue(v); more than 31 leading zeros cannot be a valid code here and fails.</summary>
    public uint UnsignedGolomb()
    {
        int zeros = 0;
        while (Bit() == 0 && !Failed)
        {
            if (++zeros > 31)
            {
                Failed = true;
                return 0;
            }
        }
        return (uint)((1UL << zeros) - 1 + Bits(zeros));
    }

    /// <summary>se(v): 1, 2, 3, 4 ... map to 1, -1, 2, -2 ...</summary>
    public int SignedGolomb()
    {
        uint code = UnsignedGolomb();
        return (code & 1) != 0 ? (int)((code + 1) / 2) : -(int)(code / 2);
    }

    /// <summary>The payload of <paramref name="unit"/> (header byte dropped) without emulation prevention bytes.</summary>
    public static byte[] Unescape(ReadOnlySpan<byte> unit)
    {
        var rbsp = new List<byte>(unit.Length);
        int zeros = 0;
        for (int i = 1; i < unit.Length; i++)
        {
            if (zeros >= 2 && unit[i] == 3)
            {
                zeros = 0;
                continue;
            }
            zeros = unit[i] == 0 ? zeros + 1 : 0;
            rbsp.Add(unit[i]);
        }
        return rbsp.ToArray();
    }
}
