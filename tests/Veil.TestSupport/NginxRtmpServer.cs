using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Veil.TestSupport;

/// <summary>
/// Debian's nginx with libnginx-mod-rtmp as an RTMP relay for one test: its own temp prefix,
/// generated config, and a free 127.0.0.1 port. Publish to and play from <see cref="Url"/>.
/// </summary>
/// <remarks>
/// Runs nginx in the foreground as a single process (<c>daemon off; master_process off;</c>): no
/// worker to orphan and no privilege drop, so the same config works as root and as a normal user.
/// <c>-e</c> and the access_log directive keep every log in the temp dir, away from /var/log/nginx.
/// Note for readers with ffmpeg: a play started before the publish gets no onMetaData, so ffmpeg
/// probes for its full analyzeduration (5 s); pass <c>-analyzeduration</c> lower or publish first.
/// </remarks>
public sealed class NginxRtmpServer : IAsyncDisposable
{
    public const string DefaultNginxPath = "/usr/sbin/nginx";
    public const string DefaultModulePath = "/usr/lib/nginx/modules/ngx_rtmp_module.so";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly ConcurrentDictionary<NginxRtmpServer, byte> s_live = new();

    private readonly string _nginxPath;
    private readonly string _modulePath;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private int _disposed;

    static NginxRtmpServer()
    {
        // Safety net: a test host that exits without disposing must not leave nginx running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in s_live.Keys)
            {
                server.Kill();
                server.DeletePrefix();
            }
        };
    }

    public NginxRtmpServer(string? nginxPath = null, string? modulePath = null)
    {
        _nginxPath = nginxPath ?? DefaultNginxPath;
        _modulePath = modulePath ?? DefaultModulePath;
        PrefixDirectory = Directory.CreateTempSubdirectory("veil-nginx-").FullName;
    }

    /// <summary>The temp prefix holding nginx.conf, logs/ and the pid file; deleted on dispose.</summary>
    public string PrefixDirectory { get; }

    public string ConfigPath => Path.Combine(PrefixDirectory, "nginx.conf");

    public string ErrorLogPath => Path.Combine(PrefixDirectory, "logs", "error.log");

    /// <summary>One line per finished RTMP session (PLAY/PUBLISH, bytes in/out).</summary>
    public string AccessLogPath => Path.Combine(PrefixDirectory, "logs", "access.log");

    /// <summary>The RTMP port on 127.0.0.1; 0 until <see cref="StartAsync"/> succeeded.</summary>
    public int Port { get; private set; }

    /// <summary><c>rtmp://127.0.0.1:PORT/app/stream</c>. Only the application "live" is configured.</summary>
    public string Url(string app, string stream) =>
        $"rtmp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{app}/{stream}";

    /// <summary><c>rtmp://127.0.0.1:PORT/live/stream</c>.</summary>
    public string Url(string stream) => Url("live", stream);

    /// <summary>Starts nginx and returns once the RTMP port accepts TCP connections.</summary>
    public static async Task<NginxRtmpServer> StartNewAsync(CancellationToken cancellationToken = default, int port = 0)
    {
        var server = new NginxRtmpServer();
        try
        {
            await server.StartAsync(cancellationToken, port).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts nginx and waits (10 s at most) until the RTMP port accepts TCP connections.</summary>
    /// <param name="port">A fixed port (a server coming back where it was); 0 picks a free one.</param>
    public async Task StartAsync(CancellationToken cancellationToken = default, int port = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_process is not null)
        {
            throw new InvalidOperationException("nginx is already started");
        }

        if (!File.Exists(_nginxPath))
        {
            throw new InvalidOperationException($"{_nginxPath} not found: install nginx (scripts/setup.sh does)");
        }

        if (!File.Exists(_modulePath))
        {
            throw new InvalidOperationException($"{_modulePath} not found: install libnginx-mod-rtmp (scripts/setup.sh does)");
        }

        Directory.CreateDirectory(Path.Combine(PrefixDirectory, "logs"));

        // The free port may be taken between picking and binding: try a few.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            Port = port != 0 ? port : LoopbackPort.PickFree();
            await File.WriteAllTextAsync(ConfigPath, BuildConfig(Port), cancellationToken).ConfigureAwait(false);
            try
            {
                await StartOnceAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NginxStartException ex) when (attempt < attempts && ex.AddressInUse && port == 0)
            {
                // Pick another port.
            }
        }
    }

    private async Task StartOnceAsync(CancellationToken cancellationToken)
    {
        lock (_output)
        {
            _output.Clear();
        }

        if (File.Exists(ErrorLogPath))
        {
            File.Delete(ErrorLogPath);
        }

        var startInfo = new ProcessStartInfo(_nginxPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = PrefixDirectory,
        };
        foreach (var arg in new[] { "-p", PrefixDirectory + "/", "-c", ConfigPath, "-e", ErrorLogPath })
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        if (!process.Start())
        {
            throw new NginxStartException($"could not start {_nginxPath}", addressInUse: false);
        }

        _process = process;
        s_live.TryAdd(this, 0);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                var failure = Describe($"nginx exited with code {process.ExitCode} before listening on 127.0.0.1:{Port}");
                StopProcess();
                throw new NginxStartException(failure, failure.Contains("Address already in use", StringComparison.Ordinal));
            }

            if (await LoopbackPort.AcceptsAsync(Port, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        var timeout = Describe($"nginx did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s");
        StopProcess();
        throw new NginxStartException(timeout, addressInUse: false);
    }

    /// <summary>nginx's error log so far (connections, publish/play events at level info).</summary>
    public string ReadErrorLog()
    {
        try
        {
            using var stream = new FileStream(ErrorLogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var process = _process;
        if (process is not null)
        {
            ChildProcess.KillTree(process);
            using var reap = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await process.WaitForExitAsync(reap.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Leave it to the OS; the temp dir is still removed below.
            }
        }

        StopProcess();
        DeletePrefix();
    }

    private string BuildConfig(int port)
    {
        var logs = Path.Combine(PrefixDirectory, "logs");
        return $$"""
            # Generated by Veil.TestSupport.NginxRtmpServer for one test.
            load_module {{_modulePath}};

            daemon off;
            master_process off;
            worker_processes 1;
            pid {{Path.Combine(PrefixDirectory, "nginx.pid")}};
            error_log {{Path.Combine(logs, "error.log")}} info;

            events {
                worker_connections 256;
            }

            rtmp {
                # The module's default is /var/log/nginx/access.log: unwritable as a user, shared as root.
                access_log {{Path.Combine(logs, "access.log")}};

                server {
                    listen 127.0.0.1:{{port}};
                    chunk_size 4096;

                    application live {
                        live on;
                        record off;
                    }
                }
            }
            """;
    }

    private string Describe(string what)
    {
        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        var log = ReadErrorLog();
        return $"{what}.\nconfig: {ConfigPath}\nnginx stdout/stderr:\n{output}\nerror log ({ErrorLogPath}):\n{ProcessResult.Tail(log, 4000)}";
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private void DeletePrefix()
    {
        try
        {
            Directory.Delete(PrefixDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir is not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Kill()
    {
        if (_process is { } process)
        {
            ChildProcess.KillTree(process);
        }
    }

    private void StopProcess()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        ChildProcess.KillTree(process);
        process.Dispose();
        s_live.TryRemove(this, out _);
    }
}
