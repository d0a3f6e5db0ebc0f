namespace Veil.Server.OutputFiles;

/// <summary>
/// A file of its own for each opening of a live stream's file destination: the name asked for
/// while it is free, else NAME-2.EXT, NAME-3.EXT, and so on, created empty here (create-new, so
/// never through a link) before the muxer opens it. A file Veil did not create is never
/// truncated, and a stream that runs again (a camera back after a drop, the next publisher, a
/// destination reopened after a write error) never overwrites the recording of the run before.
/// </summary>
internal static class FreshFileName
{
    private const int MostNames = 100_000;

    /// <summary>The file this opening of <paramref name="destination"/> writes; a URL, stdout or a pipe unchanged.</summary>
    public static string Claim(string destination)
    {
        if (LocalFile.PathOf(destination) is not { } path) return destination;
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!, stem = Path.GetFileNameWithoutExtension(path), extension = Path.GetExtension(path);
        for (int n = 1; n <= MostNames; n++)
        {
            string candidate = n == 1 ? path : Path.Combine(folder, $"{stem}-{n}{extension}");
            try
            {
                using (new FileStream(candidate, FileMode.CreateNew, FileAccess.Write)) { }
                return candidate;
            }
            catch (IOException) when (Path.Exists(candidate) || new FileInfo(candidate).LinkTarget is not null) { } // taken (a dangling link too): the next
        }
        throw new IOException($"cannot write '{destination}': it and {MostNames - 1} numbered names beside it are taken");
    }
}
