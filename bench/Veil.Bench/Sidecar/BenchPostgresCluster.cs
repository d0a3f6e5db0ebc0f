using System.Diagnostics;
using System.Globalization;
using Veil.Bench.Measuring;

namespace Veil.Bench.Sidecar;

/// <summary>
/// A throwaway PostgreSQL cluster for `veil bench sidecar --postgres` (Debian's postgresql): initdb in
/// a temp dir, trust auth, 127.0.0.1 on a free port, default durability (fsync on, as in service);
/// stopped and deleted on dispose. PostgreSQL refuses to run as root: then it runs as the Debian
/// package's "postgres" user through setpriv.
/// </summary>
internal sealed class BenchPostgresCluster : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string SystemUser = "postgres";
    private readonly string _directory;
    private readonly int _port;

    private BenchPostgresCluster(string directory, int port)
    {
        _directory = directory;
        _port = port;
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<BenchPostgresCluster> StartAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
            throw new InvalidOperationException($"no PostgreSQL server in {BinDirectory}: install Debian's postgresql package, or pass --postgres CONNECTION STRING");
        var directory = Directory.CreateTempSubdirectory("veil-bench-pg-").FullName;
        var cluster = new BenchPostgresCluster(directory, LoopbackPorts.Tcp());
        try
        {
            if (Environment.UserName == "root") await RunAsync("chown", "chown", [$"{SystemUser}:{SystemUser}", directory], ct);
            await cluster.ToolAsync("initdb", ["-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"], ct);
            await cluster.ToolAsync("pg_ctl", ["start", "-D", cluster.DataDirectory, "-w", "-t", "30", "-l", Path.Combine(directory, "server.log"),
                "-o", $"-c listen_addresses=127.0.0.1 -p {cluster._port} -k {directory}"], ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try { await ToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], CancellationToken.None); }
            catch (InvalidOperationException) { /* already stopped: the directory goes anyway */ }
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }

    private Task ToolAsync(string tool, string[] arguments, CancellationToken ct) => Environment.UserName == "root"
        ? RunAsync(tool, "setpriv", ["--reuid=" + SystemUser, "--regid=" + SystemUser, "--init-groups", Path.Combine(BinDirectory, tool), .. arguments], ct)
        : RunAsync(tool, Path.Combine(BinDirectory, tool), arguments, ct);

    private static async Task RunAsync(string name, string file, string[] arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{name} exited {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
    }
}
