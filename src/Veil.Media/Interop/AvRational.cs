namespace Veil.Media.Interop;

/// <summary>FFmpeg's AVRational, passed by value: two ints, the same layout as the C struct.</summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
public readonly record struct AvRational(int Num, int Den)
{
    public double ToDouble() => Den == 0 ? 0 : (double)Num / Den;
    public bool IsValid => Num > 0 && Den > 0;
    public AvRational Invert() => new(Den, Num);
    public override string ToString() => $"{Num}/{Den}";
}
