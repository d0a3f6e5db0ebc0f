using System.Collections.Concurrent;
using System.Globalization;

namespace Veil.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster for one test fixture (Debian's postgresql, /usr/lib/postgresql/N/bin):
/// initdb into a temp dir, trust auth, listening on 127.0.0.1 on a free port with its unix socket in
/// the same temp dir, durability off (fsync) because nothing in it outlives the test. Stopped with
/// <c>pg_ctl stop -m immediate</c> and deleted on dispose.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, and tests often do (containers, CI): then the cluster is
/// owned by and run as the unprivileged <c>postgres</c> system user the Debian package creates,
/// through <c>setpriv</c> (no PAM session, unlike runuser or su).
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "postgres";
    private const string SystemUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<PostgresServer, byte> s_live = new();

    private readonly string _binDirectory;
    private int _disposed;

    static PostgresServer()
    {
        // Safety net: pg_ctl daemonizes the server, so a test host that exits without disposing would leave it running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in s_live.Keys) server.StopAndDeleteAsync().GetAwaiter().GetResult();
        };
    }

    private PostgresServer(string binDirectory, string directory)
    {
        _binDirectory = binDirectory;
        Directory = directory;
    }

    /// <summary>The temp dir: data/, the server log and the unix socket.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogPath => Path.Combine(Directory, "server.log");

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>An Npgsql connection string for <paramref name="database"/> as the superuser, over TCP on 127.0.0.1.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username={SuperUser};Database={database};Pooling=true;Timeout=10";

    /// <summary>Creates a cluster, starts it and waits until it accepts connections (typically well under 2 s).</summary>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var server = new PostgresServer(bin, System.IO.Directory.CreateTempSubdirectory("veil-pg-").FullName);
        s_live.TryAdd(server, 0);
        try
        {
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates an empty database (a fresh one per test keeps tests apart) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (name.Length == 0 || name.Length > 63 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            throw new ArgumentException($"database name '{name}' must be 1-63 characters of a-z, 0-9 and _", nameof(name));
        await RunToolAsync("psql", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser,
            "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", $"CREATE DATABASE {name}"], cancellationToken).ConfigureAwait(false);
        return ConnectionString(name);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        if (RunningAsRoot) await ChangeOwnerAsync(Directory, cancellationToken).ConfigureAwait(false);
        await RunToolAsync("initdb", ["-D", DataDirectory, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
            cancellationToken).ConfigureAwait(false);

        // The picked port may be taken before the server binds it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = LoopbackPort.PickFree();
            var options = string.Join(' ',
                "-c listen_addresses=127.0.0.1", $"-p {Port.ToString(CultureInfo.InvariantCulture)}", $"-k {Directory}",
                "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200");
            try
            {
                await RunToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-w", "-t", "20", "-l", LogPath, "-o", options],
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog().Contains("Address already in use", StringComparison.Ordinal))
            {
                // Another process took the port: pick another.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await StopAndDeleteAsync().ConfigureAwait(false);
        s_live.TryRemove(this, out _);
    }

    private async Task StopAndDeleteAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try { await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w"], CancellationToken.None).ConfigureAwait(false); }
            catch (InvalidOperationException) { /* Already stopped; the directory goes anyway. */ }
        }

        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* Best effort: a temp dir is not worth failing a test over. */ }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The server log so far, for failure messages.</summary>
    public string ReadLog()
    {
        try { return File.ReadAllText(LogPath); }
        catch (IOException) { return string.Empty; }
    }

    private async Task RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_binDirectory, tool);
        var run = RunningAsRoot
            ? await ChildProcess.RunAsync("setpriv", ["--reuid=" + SystemUser, "--regid=" + SystemUser, "--init-groups", path, .. arguments],
                CommandTimeout, cancellationToken).ConfigureAwait(false)
            : await ChildProcess.RunAsync(path, arguments, CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (run.TimedOut || run.ExitCode != 0)
            throw new InvalidOperationException(
                $"{tool} {(run.TimedOut ? "timed out" : $"exited {run.ExitCode}")}: {run.StdErr}{run.StdOut}\nserver log ({LogPath}):\n{ProcessResult.Tail(ReadLog(), 4000)}");
    }

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static async Task ChangeOwnerAsync(string directory, CancellationToken cancellationToken)
    {
        var chown = await ChildProcess.RunAsync("chown", [$"{SystemUser}:{SystemUser}", directory], CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (chown.ExitCode != 0)
            throw new InvalidOperationException($"chown {SystemUser} {directory} failed ({chown.StdErr.Trim()}): PostgreSQL refuses to run as root, "
                + "so as root the cluster runs as the 'postgres' system user the Debian postgresql package creates");
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException($"no PostgreSQL server under {root}/N/bin: install Debian's postgresql package");
    }
}
