using System.Security.Cryptography;

namespace Veil.Server.Tests;

/// <summary>Helpers for tests that damage or check model files.</summary>
internal static class ModelFiles
{
    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Corrupts one bit of a file in place, keeping its size.</summary>
    public static void FlipOneByte(string path, long at)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = at;
        int b = file.ReadByte();
        file.Position = at;
        file.WriteByte((byte)(b ^ 0x01));
    }
}
