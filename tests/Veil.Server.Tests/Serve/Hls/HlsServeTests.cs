using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Detection;
using Veil.Server.Tests.WebRtc;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve.Hls;

/// <summary>
/// FFmpeg publishes a face over RTMP; Veil serves the anonymized output as HLS (fMP4) from the
/// encoder's own packets. Measured: how long after the publish starts the first segment is listed,
/// and how far the playlist's live edge (and a browser's playhead) trail what the publisher has
/// sent, on the publisher's own clock (ffmpeg's -progress). Checked: Chromium plays it on the watch
/// page, ffprobe reads every segment (init + media) with the face gone, old segments are deleted,
/// nothing but playlists and segments is served.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed partial class HlsServeTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("hls");
    private const string Token = "test-admin-token", Key = "hls-camera-key";
    private const int ListSize = 3;

    [Fact]
    public async Task A_published_stream_is_served_as_hls_that_chromium_plays_and_ffprobe_reads_with_the_face_redacted()
    {
        var (clip, face) = await FaceCamera.ClipAsync(Dir, "flv");
        string hlsDir = Path.Combine(Dir, "files");
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", playlistUrl = $"{api}/hls/cam/index.m3u8";
        var env = new Dictionary<string, string>(models.Environment) { ["Veil__Hls__ListSize"] = ListSize.ToString(CultureInfo.InvariantCulture) };
        await using var veil = VeilProcess.Start(env, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}", "--grpc", "off",
            "--webrtc", "off", "--stream", $"cam:{Key}", "--to", Path.Combine(Dir, "cam.flv"), "--hls", hlsDir);
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(playlistUrl)).StatusCode); // no publisher yet

        // The publisher's clock: ffmpeg reports how much of the clip it has sent, ten times a second.
        var publishClock = Stopwatch.StartNew();
        await using var publisher = RunningProcess.Start(FfTools.FfmpegPath, ["-hide_banner", "-nostdin", "-re", "-stream_loop", "-1", "-i", clip,
            "-c", "copy", "-f", "flv", $"rtmp://127.0.0.1:{rtmpPort}/live/{Key}", "-progress", "pipe:1", "-stats_period", "0.1"]);
        double Published() => OutTime().Matches(publisher.Output) is { Count: > 0 } m ? long.Parse(m[^1].Groups[1].Value, CultureInfo.InvariantCulture) / 1e6 : 0;

        var durations = new SortedDictionary<long, double>();
        var lags = new List<double>();
        double? firstListed = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(90); durations.Count < 6; await Task.Delay(50))
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {durations.Count} segments listed in 90 s; log:\n{veil.Output}");
            Assert.False(publisher.HasExited, "the publisher exited: " + publisher.Output);
            using var response = await http.GetAsync(playlistUrl);
            if (response.StatusCode == HttpStatusCode.NotFound) continue;
            var playlist = LivePlaylist.Parse(await response.Content.ReadAsStringAsync());
            double sent = Published();
            int before = durations.Count;
            for (int i = 0; i < playlist.Segments.Count; i++) durations[playlist.MediaSequence + i] = playlist.Segments[i].Seconds;
            if (durations.Count == before) continue;
            firstListed ??= publishClock.Elapsed.TotalSeconds;
            // The live edge on the output's clock (it starts with the first frame published) against what the publisher has sent.
            if (before > 0) lags.Add(sent - durations.Values.Sum());
        }
        log.WriteLine($"HLS: first segment listed {firstListed:0.00} s after the publisher started; live edge behind the publisher by "
            + $"{Median(lags):0.00} s when a segment is listed (median of {lags.Count}; {lags.Min():0.00}-{lags.Max():0.00} s), then up to a segment (2 s) more until the next");
        // Cut at the encoder's keyframes, every 2 s of the frames' clock; frames shed on a loaded machine push a cut later.
        Assert.InRange(Median([.. durations.Values]), 1.9, 3);
        Assert.All(durations.Values, d => Assert.InRange(d, 1, 6));
        Assert.InRange(Median(lags), 0, 10);

        await AnswersAsync(http, api);
        var outputs = (await serve.GetAsync("cam")).GetProperty("side_outputs").EnumerateArray().ToList();
        Assert.Contains(outputs, o => o.GetProperty("name").GetString() == "HLS" && o.GetProperty("state").GetString() == "sending");

        // Chromium plays it on the watch page (hls.js). Meanwhile every segment's duration is noted, to place its playhead.
        using var stopWatching = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                var listed = LivePlaylist.Parse(await http.GetStringAsync(playlistUrl));
                lock (durations) for (int i = 0; i < listed.Segments.Count; i++) durations[listed.MediaSequence + i] = listed.Segments[i].Seconds;
                await Task.Delay(200);
            }
        });
        await using var browser = await Browser.LaunchAsync();
        var viewer = await browser.Chromium.NewPageAsync();
        await viewer.GotoAsync($"{api}/web/watch.html?stream=cam&mode=hls&autostart=1");
        await Browser.WaitForAsync(viewer, "veilFrames", "n => n >= 50", seconds: 90);
        double shownAt = await viewer.EvaluateAsync<double>("() => document.getElementById('video').currentTime");
        await Task.Delay(3000);
        var playing = await viewer.EvaluateAsync<double[]>(
            "() => [document.getElementById('video').currentTime, window.veilHlsPlaying.sn, window.veilHlsPlaying.start]");
        var (shownLater, sn, start) = (playing[0], (long)playing[1], playing[2]);
        double published = Published();
        Assert.True(shownLater > shownAt + 1, $"the video played from {shownAt:0.00} s to {shownLater:0.00} s in 3 s");
        // The playhead on the stream's own clock: the segments before the one playing, and how far into it.
        stopWatching.Cancel();
        await watching;
        Assert.Equal(durations.Keys.Last() - durations.Keys.First() + 1, durations.Count); // none missed
        double playhead = durations.Where(d => d.Key < sn).Sum(d => d.Value) + (shownLater - start);
        double hlsLatency = await viewer.EvaluateAsync<double>("() => window.veilHls.latency");
        log.WriteLine($"HLS in Chromium: playhead {published - playhead:0.00} s behind the publisher (hls.js: {hlsLatency:0.00} s behind the live edge), "
            + $"first frame {await viewer.EvaluateAsync<double>("() => window.veilJoinMs")} ms after asking");
        Assert.InRange(published - playhead, 0, 30);
        await viewer.ScreenshotAsync(new() { Path = Path.Combine(Dir, "watch-page-hls.png") });

        // What any HLS client gets: ffmpeg reads the playlist and the face is gone.
        await FarEnd.AssertFaceRedactedAsync(models, face, playlistUrl, Dir);

        // Every segment on disk is readable (init + media), and the old ones were deleted.
        var current = LivePlaylist.Parse(await http.GetStringAsync(playlistUrl));
        await ProbeSegmentsAsync(http, $"{api}/hls/cam/", current);
        var onDisk = Directory.GetFiles(Path.Combine(hlsDir, "cam"), "*.m4s");
        Assert.True(onDisk.Length <= ListSize + 2, $"{onDisk.Length} segments kept: {string.Join(", ", onDisk.Select(Path.GetFileName))}");
        Assert.True(current.MediaSequence > durations.Keys.First(), "the playlist slides");

        // The publisher goes: the playlist ends, and every segment left is whole.
        await publisher.KillAsync();
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        var last = LivePlaylist.Parse(await http.GetStringAsync(playlistUrl));
        Assert.True(last.Ended, "the playlist of a finished run has #EXT-X-ENDLIST");
        await ProbeSegmentsAsync(http, $"{api}/hls/cam/", last);
        Assert.Empty(Directory.GetFiles(Path.Combine(hlsDir, "cam"), "*.tmp"));

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        Assert.False(Directory.Exists(Path.Combine(hlsDir, "cam")), "a stream stopped takes its HLS files with it");
    }

    /// <summary>Init + each listed segment, fetched over HTTP, read by ffprobe: H.264 640x360 frames and AAC.</summary>
    private async Task ProbeSegmentsAsync(HttpClient http, string baseUrl, LivePlaylist playlist)
    {
        Assert.NotNull(playlist.Init);
        byte[] init = await http.GetByteArrayAsync(baseUrl + playlist.Init);
        foreach (var (uri, seconds) in playlist.Segments)
        {
            string file = Path.Combine(Dir, "probe-" + uri + ".mp4");
            await File.WriteAllBytesAsync(file, [.. init, .. await http.GetByteArrayAsync(baseUrl + uri)]);
            var probe = await FfTools.ProbeAsync(file);
            Assert.Equal(("h264", 640, 360), (probe.Video.CodecName, probe.Video.Width, probe.Video.Height));
            Assert.Equal("aac", probe.Audio?.CodecName);
            Assert.True(probe.Video.NbReadFrames > 0, $"{uri}: no frame decoded ({seconds} s listed)"); // how many: a loaded machine sheds frames
        }
        log.WriteLine($"ffprobe read {playlist.Init} and {playlist.Segments.Count} segments: {string.Join(", ", playlist.Segments.Select(s => s.Uri))}");
    }

    /// <summary>Content types and caching as players expect; anything but a stream's playlist and segments is a 404.</summary>
    private static async Task AnswersAsync(HttpClient http, string api)
    {
        using var playlist = await http.GetAsync($"{api}/hls/cam/index.m3u8");
        Assert.Equal("application/vnd.apple.mpegurl", playlist.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-cache", playlist.Headers.CacheControl?.ToString());
        var listed = LivePlaylist.Parse(await playlist.Content.ReadAsStringAsync());
        using var segment = await http.GetAsync($"{api}/hls/cam/{listed.Segments[0].Uri}");
        Assert.Equal("video/iso.segment", segment.Content.Headers.ContentType?.MediaType);
        using var init = await http.GetAsync($"{api}/hls/cam/{listed.Init}");
        Assert.Equal("video/mp4", init.Content.Headers.ContentType?.MediaType);
        foreach (var path in new[] { "/hls/nope/index.m3u8", "/hls/cam/index.m3u8.tmp", "/hls/cam/..%2F..%2Fcam.flv", "/hls/cam/seg-1.m4s", "/hls/cam/cam.flv" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(api + path)).StatusCode);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex(@"out_time_us=(\d+)")]
    private static partial Regex OutTime();
}
