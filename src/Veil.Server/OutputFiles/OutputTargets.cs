namespace Veil.Server.OutputFiles;

/// <summary>
/// Decides where each local output of a run goes, before anything is opened. An output that is
/// one of the run's inputs (however spelled, or a symlink or hard link to it: compared by device
/// and inode) is refused, so is a file named twice as output, and a folder.
/// </summary>
internal static class OutputTargets
{
    private sealed record Candidate(OutputTarget Target, FileStat? Stat, FileStat? Folder);

    public static IReadOnlyList<OutputTarget> Resolve(IEnumerable<string?> inputs, IEnumerable<string?> outputs)
    {
        var inputFiles = new List<(string Name, FileStat Stat)>();
        foreach (var input in inputs.OfType<string>())
            if (LocalFile.PathOf(input) is { } path && FileStat.Of(path) is { } stat) inputFiles.Add((input, stat));

        var chosen = new List<Candidate>();
        foreach (var output in outputs.OfType<string>())
        {
            if (LocalFile.PathOf(output) is not { } path) continue;
            // Not Path.GetFullPath: it folds "dir/.." by spelling, the kernel by following 'dir' if it is a symlink.
            string final = FollowLinks(Path.Combine(Environment.CurrentDirectory, path));
            var stat = FileStat.Of(final);
            if (stat is { Kind: FileKind.Directory }) throw new ArgumentException($"output '{output}' is a folder, not a file");
            foreach (var (name, inputStat) in inputFiles)
                if (stat is { } s && s.IsSameFile(inputStat))
                    throw new ArgumentException($"output '{output}' is the input '{name}' (the same file): Veil never writes over a file it reads; choose another output name");
            var candidate = new Candidate(new OutputTarget(output, final, stat is not { Kind: FileKind.Other }), stat, FileStat.Of(Path.GetDirectoryName(final)!));
            if (chosen.FirstOrDefault(c => SameFile(c, candidate)) is { } earlier)
                throw new ArgumentException($"outputs '{earlier.Target.Requested}' and '{output}' are the same file: give each output its own name");
            chosen.Add(candidate);
        }
        return chosen.Select(c => c.Target).ToList();
    }

    /// <summary>An output that is a symlink is written where it points, as writing through it would.</summary>
    private static string FollowLinks(string path)
        => new FileInfo(path) is { LinkTarget: not null } link ? link.ResolveLinkTarget(returnFinalTarget: true)!.FullName : path;

    private static bool SameFile(Candidate a, Candidate b)
    {
        if (a.Stat is { } x && b.Stat is { } y) return x.IsSameFile(y);
        if (a.Stat is not null || b.Stat is not null) return false;
        // Neither exists yet: the same name in the same folder, however the folder was spelled.
        return a.Folder is { } f && b.Folder is { } g
            ? f.IsSameFile(g) && Path.GetFileName(a.Target.Final) == Path.GetFileName(b.Target.Final)
            : a.Target.Final == b.Target.Final;
    }
}
