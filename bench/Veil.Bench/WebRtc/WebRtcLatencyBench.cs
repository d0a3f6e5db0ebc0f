using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console;
using Veil.Bench.Measuring;

namespace Veil.Bench.WebRtc;

/// <summary>
/// `veil bench --webrtc`: glass-to-glass latency through Veil. `veil serve` runs in this process;
/// headless Chromium opens /web/latency.html, which draws a picture carrying its own millisecond
/// clock, publishes it over WHIP, watches the stream's anonymized output over WHEP and reads the
/// clock back from every decoded frame. The page posts its samples here; the report puts them
/// beside the stream's own latency (packet in to encoded packet out) from the control API. Then
/// the same picture (the stream's output, recorded) is pushed over RTMP by ffmpeg in real time to a
/// second stream of the same server, whose latency inside Veil is the figure to compare with.
/// </summary>
internal sealed class WebRtcLatencyBench(ServeInProcess serve, TimeSpan duration)
{
    private const string Stream = "latency", RtmpStream = "latency-rtmp";

    public async Task<int> RunAsync(bool json, CancellationToken ct)
    {
        string chromium = Environment.GetEnvironmentVariable("VEIL_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium)) throw new InvalidOperationException($"{chromium} not found: install Debian's chromium (scripts/setup.sh does) or set VEIL_CHROMIUM");
        string key = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), token = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        int http = LoopbackPorts.Tcp(), report = LoopbackPorts.Tcp(), rtmp = LoopbackPorts.Tcp();
        string Temp(string what) => Path.Combine(Path.GetTempPath(), $"veil-bench-webrtc-{Environment.ProcessId}-{what}.flv");
        var whip = new LatencyStream(Stream, key, Temp("whip"));
        var pushed = new LatencyStream(RtmpStream, Convert.ToHexString(RandomNumberGenerator.GetBytes(12)), Temp("rtmp"));
        string clip = Temp("clip");
        var server = new LatencyServer($"http://127.0.0.1:{http}", token, $"127.0.0.1:{LoopbackPorts.Udp()}", $"127.0.0.1:{rtmp}", whip, pushed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var serving = Task.Run(() => serve(server, stop.Token), ct);
        using var api = new HttpClient { BaseAddress = new Uri(server.Http), Timeout = TimeSpan.FromSeconds(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{report}/");
        listener.Start();
        Process? browser = null;
        string profile = Directory.CreateTempSubdirectory("veil-bench-chromium-").FullName;
        try
        {
            await WaitUntilServingAsync(api, serving, ct);
            string page = $"{server.Http}/web/latency.html?stream={Stream}&token={key}&seconds={duration.TotalSeconds:0}&report=http://127.0.0.1:{report}/";
            browser = Process.Start(new ProcessStartInfo(chromium)
            {
                ArgumentList =
                {
                    "--headless=new", "--no-sandbox", "--disable-background-networking", "--allow-loopback-in-peer-connection",
                    "--autoplay-policy=no-user-gesture-required", $"--user-data-dir={profile}", page,
                },
                RedirectStandardError = true, RedirectStandardOutput = true,
            })!;
            Console.Error.WriteLine($"bench: Chromium publishes over WHIP and watches over WHEP for {duration.TotalSeconds:0} s ...");
            var samples = await ReceiveSamplesAsync(listener, duration, ct);
            var stream = JsonDocument.Parse(await api.GetStringAsync($"/api/streams/{Stream}", ct)).RootElement;
            browser.Kill(entireProcessTree: true);
            await WaitForRunEndAsync(api, Stream, TimeSpan.FromSeconds(40), ct); // its output file is whole once the publisher is found gone
            File.Copy(whip.Output, clip, overwrite: true); // what Chromium published, as Veil sent it on
            Console.Error.WriteLine($"bench: ffmpeg pushes the same picture over RTMP in real time ...");
            JsonElement? rtmpStream = null;
            try { rtmpStream = await PushOverRtmpAsync(api, clip, $"rtmp://127.0.0.1:{rtmp}/live/{pushed.Key}", ct); }
            catch (InvalidOperationException e) { Console.Error.WriteLine($"bench: no RTMP figure: {e.Message}"); } // the glass-to-glass figures stand alone
            Print(samples, stream, rtmpStream, json);
            return samples.Length > 0 ? 0 : 3;
        }
        finally
        {
            if (browser is { HasExited: false }) browser.Kill(entireProcessTree: true);
            stop.Cancel();
            await serving;
            Directory.Delete(profile, recursive: true);
            foreach (var file in new[] { whip.Output, pushed.Output, clip }) File.Delete(file);
        }
    }

    /// <summary>Pushes <paramref name="clip"/> to the second stream at its own pace with ffmpeg; that stream's status once the run ended.</summary>
    private static async Task<JsonElement> PushOverRtmpAsync(HttpClient api, string clip, string url, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-i", clip, "-c", "copy", "-f", "flv", url }) psi.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(psi) ?? throw new InvalidOperationException("cannot start ffmpeg");
        var stderr = ffmpeg.StandardError.ReadToEndAsync(ct);
        await ffmpeg.WaitForExitAsync(ct);
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not push over RTMP (exit {ffmpeg.ExitCode}): {(await stderr).Trim()}");
        return await WaitForRunEndAsync(api, RtmpStream, TimeSpan.FromSeconds(30), ct);
    }

    /// <summary>The stream's status once its run ended (it waits for a publisher again), or at <paramref name="limit"/>.</summary>
    private static async Task<JsonElement> WaitForRunEndAsync(HttpClient api, string stream, TimeSpan limit, CancellationToken ct)
    {
        for (var deadline = DateTime.UtcNow + limit; ; await Task.Delay(200, ct))
        {
            var status = JsonDocument.Parse(await api.GetStringAsync($"/api/streams/{stream}", ct)).RootElement;
            if (status.GetProperty("state").GetString() == "waiting" || DateTime.UtcNow > deadline) return status;
        }
    }

    private static void Print(double[] samples, JsonElement stream, JsonElement? rtmpStream, bool json)
    {
        Array.Sort(samples);
        double P(double q) => samples.Length == 0 ? double.NaN : samples[Math.Min(samples.Length - 1, (int)(q * samples.Length))];
        static string Ms(JsonElement? s, string name)
            => s is { } e && e.TryGetProperty("latency_ms", out var l) && l.ValueKind == JsonValueKind.Object ? l.GetProperty(name).GetDouble().ToString("0") : "-";
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                frames = samples.Length, glass_to_glass_ms = new { p50 = Math.Round(P(0.5)), p95 = Math.Round(P(0.95)), p99 = Math.Round(P(0.99)) },
                veil_pipeline_ms = new { p50 = Ms(stream, "p50"), p95 = Ms(stream, "p95"), p99 = Ms(stream, "p99") },
                rtmp_push_pipeline_ms = new { p50 = Ms(rtmpStream, "p50"), p95 = Ms(rtmpStream, "p95"), p99 = Ms(rtmpStream, "p99") },
            }));
            return;
        }
        var table = new Table().AddColumns("measured", "frames", "p50 ms", "p95 ms", "p99 ms");
        table.AddRow("glass to glass (browser frame drawn -> WHEP frame shown)", samples.Length.ToString(), $"{P(0.5):0}", $"{P(0.95):0}", $"{P(0.99):0}");
        table.AddRow("inside Veil, WHIP (packet in -> encoded packet out)", stream.GetProperty("frames").GetInt64().ToString(), Ms(stream, "p50"), Ms(stream, "p95"), Ms(stream, "p99"));
        table.AddRow("inside Veil, the same picture pushed over RTMP", rtmpStream?.GetProperty("frames").GetInt64().ToString() ?? "-", Ms(rtmpStream, "p50"), Ms(rtmpStream, "p95"), Ms(rtmpStream, "p99"));
        AnsiConsole.Write(table);
    }

    private static async Task<double[]> ReceiveSamplesAsync(HttpListener listener, TimeSpan duration, CancellationToken ct)
    {
        var context = await listener.GetContextAsync().WaitAsync(duration + TimeSpan.FromSeconds(60), ct);
        using var body = JsonDocument.Parse(context.Request.InputStream);
        context.Response.AddHeader("Access-Control-Allow-Origin", "*");
        context.Response.StatusCode = 204;
        context.Response.Close();
        // A clock misread (a frame caught mid-blend) reads as the future or as longer than the whole run: no latency, left out.
        double longest = (duration + TimeSpan.FromSeconds(10)).TotalMilliseconds;
        return body.RootElement.GetProperty("samples").EnumerateArray().Select(s => s.GetDouble()).Where(ms => ms >= 0 && ms < longest).ToArray();
    }

    private static async Task WaitUntilServingAsync(HttpClient api, Task<int> serve, CancellationToken ct)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200, ct))
        {
            if (serve.IsCompleted) throw new InvalidOperationException($"veil serve stopped: {(serve.IsFaulted ? serve.Exception!.GetBaseException().Message : "exit " + serve.Result)}");
            try
            {
                var status = JsonDocument.Parse(await api.GetStringAsync($"/api/streams/{Stream}", ct)).RootElement;
                if (status.GetProperty("state").GetString() == "waiting") return;
            }
            catch (HttpRequestException) { } // not listening yet
        }
        throw new TimeoutException("veil serve did not get ready in 60 s");
    }
}
