namespace Veil.Vision.Redaction;

/// <summary>A colour as I420 samples (BT.601 limited range, like the decoded video).</summary>
public readonly record struct YuvColor(byte Y, byte U, byte V)
{
    public static YuvColor Black { get; } = new(16, 128, 128);
    public static YuvColor Grey { get; } = new(128, 128, 128);
}
