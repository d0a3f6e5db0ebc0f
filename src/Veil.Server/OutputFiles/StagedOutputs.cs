using System.Security.Cryptography;

namespace Veil.Server.OutputFiles;

/// <summary>
/// The files one run writes for the user. Each is written under a temporary name in its own
/// folder (<c>.NAME.veil-tmp-RANDOM.EXT</c>, the extension kept so muxers and image writers pick
/// the same format) and renamed over the final name only by <see cref="Commit"/>, once everything
/// is written and closed. A run that fails or is cancelled removes only its own temporary files:
/// a file already at the final name is never truncated, replaced or deleted.
/// </summary>
internal sealed class StagedOutputs : IDisposable
{
    private readonly Dictionary<string, (string Temporary, string Final)> _staged = new();
    private readonly Lock _gate = new();
    private bool _done;

    private StagedOutputs()
    {
        // A forced exit (the CLI gives up waiting after Ctrl+C, SIGTERM) skips Dispose: clean up here too.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Checks the outputs against the inputs (<see cref="OutputTargets"/>), then creates each temporary file.</summary>
    public static StagedOutputs Create(IEnumerable<string?> inputs, IEnumerable<string?> outputs)
    {
        var targets = OutputTargets.Resolve(inputs, outputs);
        var staged = new StagedOutputs();
        try
        {
            foreach (var target in targets.Where(t => t.Staged))
                staged._staged[target.Requested] = (CreateTemporary(target.Final), target.Final);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Where the run writes <paramref name="output"/>: its temporary file, or the output itself (a URL, a device).</summary>
    public string PathFor(string output) => _staged.TryGetValue(output, out var file) ? file.Temporary : output;

    /// <summary>Renames every temporary file over its final name. Call only when the run succeeded and every writer is closed.</summary>
    public void Commit()
    {
        lock (_gate)
        {
            if (_done) throw new InvalidOperationException("outputs were already committed or discarded");
            foreach (var (output, (temporary, final)) in _staged.ToList())
            {
                File.Move(temporary, final, overwrite: true); // rename(2): the final name never holds a half-written file
                _staged.Remove(output);
            }
            _done = true;
        }
    }

    /// <summary>Removes the temporary files not committed.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Discard();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Discard();

    private void Discard()
    {
        lock (_gate)
        {
            _done = true;
            foreach (var (temporary, _) in _staged.Values)
            {
                try { File.Delete(temporary); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            _staged.Clear();
        }
    }

    private static string CreateTemporary(string final)
    {
        string folder = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(folder);
        string stem = Path.GetFileNameWithoutExtension(final), extension = Path.GetExtension(final);
        if (stem.Length > 120) stem = stem[..120]; // room for the suffix within a file name's 255 bytes
        string temporary = Path.Combine(folder, $".{stem}.veil-tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}{extension}");
        try
        {
            using (new FileStream(temporary, FileMode.CreateNew, FileAccess.Write)) { } // ours alone: never an existing file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write in folder '{folder}': {e.Message}", e);
        }
        return temporary;
    }
}
