namespace Veil.Server.OutputFiles;

/// <summary>
/// One local output of a run: the name the user gave, the file it really is (symlinks followed),
/// and whether it is written beside that file first and renamed over it (not for /dev/null or a FIFO).
/// </summary>
internal sealed record OutputTarget(string Requested, string Final, bool Staged);
