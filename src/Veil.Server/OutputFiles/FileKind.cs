namespace Veil.Server.OutputFiles;

/// <summary>What a path names, as far as writing over it goes.</summary>
internal enum FileKind
{
    /// <summary>A plain file: replaced by renaming a finished file over it.</summary>
    Regular,
    Directory,

    /// <summary>A device, FIFO or socket (/dev/null, a named pipe): written in place, never replaced.</summary>
    Other,
}
