using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Veil.TestSupport;

/// <summary>
/// A program that runs until the test stops it (a server): output captured as it comes, stopped
/// with SIGINT like Ctrl+C and killed when it does not exit in time, never left behind.
/// </summary>
public sealed partial class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningProcess(Process process) => _process = process;

    public static RunningProcess Start(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        var process = new Process { StartInfo = info };
        var running = new RunningProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(e.Data);
        process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        if (!process.Start()) throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Everything printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process's resident memory now (VmRSS), in bytes.</summary>
    public long ResidentBytes =>
        File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith("VmRSS:")).Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024).First();

    public int ExitCode => _process.ExitCode;

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Sends SIGINT and waits; kills the process after <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            Kill(_process.Id, SigInt);
            using var timeout = new CancellationTokenSource(grace);
            try { await _process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a crash or the OOM killer would: no shutdown code runs. Returns the exit code (137).</summary>
    public async Task<int> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        return _process.ExitCode;
    }

    /// <summary>SIGSTOP: the process stops sending but its sockets stay open, as a phone whose network dropped (a half-open connection).</summary>
    public void Freeze() => Kill(_process.Id, SigStop);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }

    private const int SigInt = 2, SigStop = 19;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
