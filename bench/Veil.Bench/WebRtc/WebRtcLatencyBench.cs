using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Spectre.Console;
using Veil.Bench.Measuring;
using Veil.Media;
using Veil.Media.Demux;
using Veil.Media.Pipeline;

namespace Veil.Bench.WebRtc;

/// <summary>
/// `veil bench --webrtc`: glass-to-glass latency through Veil. `veil serve` runs in this process;
/// headless Chromium opens /web/latency.html, which draws a picture carrying its own millisecond
/// clock, publishes it over WHIP, watches the stream's anonymized output over WHEP and reads the
/// clock back from every decoded frame. The page posts its samples here; the report puts them
/// beside the stream's own latency (packet in to encoded packet out) from the control API. Then
/// the same picture (the stream's output, recorded) is pushed over RTMP by ffmpeg in real time to a
/// second stream of the same server, whose latency inside Veil is the figure to compare with, while
/// Chromium sends its picture to itself (the same browser work on the same cores, without Veil).
/// Both streams' latency is also given settled, without each run's opening.
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
            browser = StartChromium(chromium, profile, page);
            Console.Error.WriteLine($"bench: Chromium publishes over WHIP and watches over WHEP for {duration.TotalSeconds:0} s ...");
            var samples = await ReceiveSamplesAsync(listener, duration + TimeSpan.FromSeconds(60), duration, ct);
            var stream = JsonDocument.Parse(await api.GetStringAsync($"/api/streams/{Stream}", ct)).RootElement;
            browser.Kill(entireProcessTree: true);
            await WaitForRunEndAsync(api, Stream, TimeSpan.FromSeconds(40), ct); // its output file is whole once the publisher is found gone
            File.Copy(whip.Output, clip, overwrite: true); // what Chromium published, as Veil sent it on

            // The RTMP push runs beside the same browser work (the page sending its picture to itself), so
            // the two streams' latency inside Veil differ by their ingest, not by what else the cores did.
            double clipSeconds = DurationOf(clip);
            string loopbackPage = $"{server.Http}/web/latency.html?loopback=1&seconds={Math.Max(1, clipSeconds - 2):0}&report=http://127.0.0.1:{report}/";
            browser = StartChromium(chromium, profile, loopbackPage);
            await Task.Delay(TimeSpan.FromSeconds(2.5), ct); // Chromium started and sending to itself
            Console.Error.WriteLine($"bench: ffmpeg pushes the same picture over RTMP in real time, while Chromium sends its picture to itself ...");
            JsonElement? rtmpStream = null;
            try { rtmpStream = await PushOverRtmpAsync(api, clip, $"rtmp://127.0.0.1:{rtmp}/live/{pushed.Key}", ct); }
            catch (InvalidOperationException e) { Console.Error.WriteLine($"bench: no RTMP figure: {e.Message}"); } // the glass-to-glass figures stand alone
            double[] browserAlone;
            try { browserAlone = await ReceiveSamplesAsync(listener, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(clipSeconds), ct); } // the page ends about when the push does
            catch (TimeoutException) { browserAlone = []; }
            Print(samples, browserAlone, stream, rtmpStream, json);
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

    private static Process StartChromium(string chromium, string profile, string page) => Process.Start(new ProcessStartInfo(chromium)
    {
        ArgumentList =
        {
            "--headless=new", "--no-sandbox", "--disable-background-networking", "--allow-loopback-in-peer-connection",
            "--disable-features=WebRtcHideLocalIpsWithMdns", // the loopback page's two peer connections meet on 127.0.0.1
            "--autoplay-policy=no-user-gesture-required", $"--user-data-dir={profile}", page,
        },
        RedirectStandardError = true, RedirectStandardOutput = true,
    }) ?? throw new InvalidOperationException($"cannot start {chromium}");

    /// <summary>The time of the clip's last video packet (a recorded live FLV carries no duration); 0 when it cannot be read.</summary>
    private static double DurationOf(string file)
    {
        try
        {
            using var input = MediaInput.Open(file);
            using var packet = new MediaPacket();
            double last = 0;
            while (input.TryReadPacket(packet))
                if (packet.StreamIndex == input.BestVideo?.Index && packet.Pts != long.MinValue) last = Math.Max(last, packet.Pts * packet.TimeBase.ToDouble());
            return last;
        }
        catch (MediaException) { return 0; } // the push that follows says why
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

    private static void Print(double[] samples, double[] browserAlone, JsonElement stream, JsonElement? rtmpStream, bool json)
    {
        static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        static string Ms(JsonElement? s, string figure, string name)
            => s is { } e && e.TryGetProperty(figure, out var l) && l.ValueKind == JsonValueKind.Object ? l.GetProperty(name).GetDouble().ToString("0") : "-";
        Array.Sort(samples);
        Array.Sort(browserAlone);
        if (json)
        {
            static object GlassJson(double[] s) => new { frames = s.Length, p50 = Math.Round(P(s, 0.5)), p95 = Math.Round(P(s, 0.95)), p99 = Math.Round(P(s, 0.99)) };
            static object InsideJson(JsonElement? s, string figure) => new { p50 = Ms(s, figure, "p50"), p95 = Ms(s, figure, "p95"), p99 = Ms(s, figure, "p99") };
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                frames = samples.Length, glass_to_glass_ms = GlassJson(samples), browser_loopback_ms = GlassJson(browserAlone),
                veil_pipeline_ms = InsideJson(stream, "latency_ms"), veil_pipeline_settled_ms = InsideJson(stream, "settled_latency_ms"),
                rtmp_push_pipeline_ms = InsideJson(rtmpStream, "latency_ms"), rtmp_push_pipeline_settled_ms = InsideJson(rtmpStream, "settled_latency_ms"),
            }));
            return;
        }
        var table = new Table().AddColumns("measured", "frames", "p50 ms", "p95 ms", "p99 ms");
        void Glass(string what, double[] s) => table.AddRow(what, s.Length.ToString(), $"{P(s, 0.5):0}", $"{P(s, 0.95):0}", $"{P(s, 0.99):0}");
        void Inside(string what, JsonElement? s, string figure)
            => table.AddRow(what, figure == "latency_ms" ? s?.GetProperty("frames").GetInt64().ToString() ?? "-" : "", Ms(s, figure, "p50"), Ms(s, figure, "p95"), Ms(s, figure, "p99"));
        Glass("glass to glass (browser frame drawn -> WHEP frame shown)", samples);
        Glass("the browser alone (its picture sent to itself, no Veil)", browserAlone);
        Inside("inside Veil, WHIP (packet in -> encoded packet out)", stream, "latency_ms");
        Inside($"  settled (from {TranscodePipeline.Opening.TotalSeconds:0} s after its first packet)", stream, "settled_latency_ms");
        Inside("inside Veil, the same picture pushed over RTMP (the browser sending to itself meanwhile)", rtmpStream, "latency_ms");
        Inside("  settled", rtmpStream, "settled_latency_ms");
        AnsiConsole.Write(table);
    }

    /// <summary>The samples a page posts within <paramref name="wait"/>, from a run of <paramref name="duration"/>.</summary>
    private static async Task<double[]> ReceiveSamplesAsync(HttpListener listener, TimeSpan wait, TimeSpan duration, CancellationToken ct)
    {
        var context = await listener.GetContextAsync().WaitAsync(wait, ct);
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
