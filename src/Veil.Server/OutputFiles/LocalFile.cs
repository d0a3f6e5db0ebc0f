namespace Veil.Server.OutputFiles;

/// <summary>Which inputs and outputs are files on this machine, as FFmpeg reads their names.</summary>
internal static class LocalFile
{
    /// <summary>The path <paramref name="target"/> names (a plain path or a file: URL); null for a network URL, stdout ("-") or a pipe.</summary>
    public static string? PathOf(string target)
    {
        if (target == "-" || target.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase)) return null;
        if (target.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return target["file:".Length..];
        return target.Contains("://") ? null : target;
    }
}
