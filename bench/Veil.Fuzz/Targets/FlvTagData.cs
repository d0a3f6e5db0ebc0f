namespace Veil.Fuzz.Targets;

/// <summary>One FLV tag: its type (8 audio, 9 video, 18 script data), time in ms and data.</summary>
public sealed record FlvTagData(byte Type, uint Timestamp, byte[] Data);
