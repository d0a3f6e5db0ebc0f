using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Veil.Server.Tests.Detection;
using Veil.Server.Tests.Serve;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.WebRtc;

/// <summary>
/// The whole WebRTC path with a real browser: Chromium's fake camera shows a face, the publish page
/// sends it over WHIP, Veil anonymizes it and pushes it to a real nginx-rtmp, where ffmpeg reads it
/// back with the face gone; the watch page receives the anonymized stream over WHEP and decodes
/// frames. Bad requests on the way are refused with their reasons while the publish goes on.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class WhipWhepBrowserTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("webrtc");
    private const string Token = "test-admin-token", Key = "whip-key-1234";

    [Fact]
    public async Task A_browser_publishes_over_whip_and_another_watches_over_whep_with_the_face_blurred()
    {
        string face = await FaceCamera.PictureAsync(Dir);
        string camera = Path.Combine(Dir, "face-camera.y4m");
        (await FfTools.RunFfmpegAsync(["-y", "-loop", "1", "-framerate", "25", "-i", face, "-t", "2", "-pix_fmt", "yuv420p", camera])).EnsureSuccess();

        await using var nginx = await NginxRtmpServer.StartNewAsync();
        int httpPort = LoopbackPort.PickFree(), udpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off",
            "--webrtc", $"127.0.0.1:{udpPort}", "--stream", $"cam:{Key}", "--forward", nginx.Url("{stream}"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        await using var browser = await Browser.LaunchAsync(camera);
        var publisher = await browser.Chromium.NewPageAsync();
        await publisher.GotoAsync($"{api}/web/publish.html?stream=cam&token={Key}&autostart=1");
        await Browser.WaitForAsync(publisher, "veilState", "v => v === 'connected'");
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);

        var probe = await FfTools.ProbeLiveAsync(nginx.Url("cam"));
        Assert.Equal("h264", probe.Video.CodecName);
        Assert.Equal((640, 360), (probe.Video.Width, probe.Video.Height));
        Assert.NotNull(probe.Audio); // the browser's Opus, now AAC
        await FarEnd.AssertFaceRedactedAsync(models, face, nginx.Url("cam"), Dir);

        var viewer = await browser.Chromium.NewPageAsync();
        await viewer.GotoAsync($"{api}/web/watch.html?stream=cam&autostart=1");
        await Browser.WaitForAsync(viewer, "veilFrames", "n => n >= 25");
        double joinMs = await viewer.EvaluateAsync<double>("() => window.veilJoinMs");
        double connectedMs = await viewer.EvaluateAsync<double>("() => window.veilConnectedMs");
        log.WriteLine($"the viewer's first frame came {joinMs} ms after its offer (connected after {connectedMs} ms)");
        // Veil makes a keyframe for a viewer that connected mid-GOP: its first frame follows the
        // handshake at once rather than the next GOP (up to 2 s; 80 s when a WHIP publish probed at
        // 1000 fps). Veil's own part (connected to first frame sent) is checked against 1 s from its
        // log below; the browser's adds its decoding, which a loaded 2-core machine slows (546 ms once).
        Assert.True(joinMs - connectedMs < 1500, $"first frame {joinMs - connectedMs} ms after connecting");
        Assert.Equal(1, (await serve.GetAsync("cam")).GetProperty("webrtc_viewers").GetInt32());
        await viewer.ScreenshotAsync(new() { Path = Path.Combine(Dir, "watch-page.png") });
        await publisher.ScreenshotAsync(new() { Path = Path.Combine(Dir, "publish-page.png") });

        await RefusesBadRequestsAsync(api, udpPort);
        long before = (await serve.GetAsync("cam")).GetProperty("frames").GetInt64();
        await serve.WaitForAsync("cam", s => s.GetProperty("frames").GetInt64() > before + 10, seconds: 10); // the publish goes on
        await Browser.WaitForAsync(viewer, "veilState", "v => v === 'connected'", seconds: 5);

        await publisher.ClickAsync("#stop");
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting", seconds: 30);
        await SessionResourceAnswersAsync(api);
        int exit = await veil.StopAsync(TimeSpan.FromSeconds(20));
        log.WriteLine(veil.Output);
        Assert.True(exit == 0, $"veil serve exited {exit}:\n{veil.Output}");
        Assert.Contains("dropping UDP packets", veil.Output);
        var join = Regex.Match(veil.Output, @"WHEP viewer of cam got its first frame (\d+) ms after its offer, (\d+) ms after connecting");
        Assert.True(join.Success, "Veil logs when a viewer got its first frame");
        // Under 1 s: the keyframe made for the viewer leaves with the next encoded frame, unless the
        // machine is behind (712 ms once in a full suite while the stream was shedding frames); the
        // next GOP's keyframe would be up to 2 s away, 80 s at a probed 1000 fps.
        Assert.True(int.Parse(join.Groups[2].Value) < 1000, $"Veil sent the viewer's first frame {join.Groups[2].Value} ms after it connected");
    }

    [Fact]
    public async Task A_browser_publishing_vp8_without_a_microphone_is_anonymized_too()
    {
        string dir = SharedData.OutDirectory("webrtc-vp8");
        string face = await FaceCamera.PictureAsync(dir);
        string camera = Path.Combine(dir, "face-camera.y4m"), recording = Path.Combine(dir, "vp8-anonymized.flv");
        File.Delete(recording);
        (await FfTools.RunFfmpegAsync(["-y", "-loop", "1", "-framerate", "25", "-i", face, "-t", "2", "-pix_fmt", "yuv420p", camera])).EnsureSuccess();
        int httpPort = LoopbackPort.PickFree(), udpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off",
            "--webrtc", $"127.0.0.1:{udpPort}", "--stream", $"vp8cam:{Key}", "--to", recording);
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("vp8cam", s => s.GetProperty("state").GetString() == "waiting");

        await using var browser = await Browser.LaunchAsync(camera);
        var publisher = await browser.Chromium.NewPageAsync();
        await publisher.GotoAsync($"{api}/web/publish.html?stream=vp8cam&token={Key}&codec=VP8&audio=0&autostart=1");
        await Browser.WaitForAsync(publisher, "veilState", "v => v === 'connected'");
        await serve.WaitForAsync("vp8cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 75);
        await publisher.ClickAsync("#stop");
        await serve.WaitForAsync("vp8cam", s => s.GetProperty("state").GetString() == "waiting", seconds: 30);
        int exit = await veil.StopAsync(TimeSpan.FromSeconds(20));
        log.WriteLine(veil.Output);
        Assert.True(exit == 0, $"veil serve exited {exit}");
        Assert.Contains("matroska publish to vp8cam", veil.Output);
        Assert.Matches("WHIP publisher of vp8cam ended: .*video frames", veil.Output);

        var probe = await FfTools.ProbeAsync(recording);
        Assert.Equal(("h264", 640, 360), (probe.Video.CodecName, probe.Video.Width, probe.Video.Height));
        Assert.True(probe.Video.NbReadFrames > 75, $"{probe.Video.NbReadFrames} frames recorded");
        Assert.Null(probe.Audio);
        await FarEnd.AssertFaceRedactedAsync(models, face, recording, dir);
    }

    [Fact]
    public async Task A_browser_that_went_away_is_taken_over_by_the_next_one_with_the_key()
    {
        string dir = SharedData.OutDirectory("webrtc-takeover");
        string face = await FaceCamera.PictureAsync(dir);
        string camera = Path.Combine(dir, "face-camera.y4m");
        (await FfTools.RunFfmpegAsync(["-y", "-loop", "1", "-framerate", "25", "-i", face, "-t", "2", "-pix_fmt", "yuv420p", camera])).EnsureSuccess();
        int httpPort = LoopbackPort.PickFree(), udpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off",
            "--webrtc", $"127.0.0.1:{udpPort}", "--classes", "face", "--stream", $"cam:{Key}", "--to", Path.Combine(dir, "cam.flv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

        // A phone's browser publishing, then gone without a word (tab closed, network lost): no DELETE, no more packets.
        await using var browser = await Browser.LaunchAsync(camera);
        var first = await browser.Chromium.NewPageAsync();
        await first.GotoAsync($"{api}/web/publish.html?stream=cam&token={Key}&autostart=1");
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
        await first.CloseAsync(new() { RunBeforeUnload = false });
        await Task.Delay(2500);
        long framesBefore = (await serve.GetAsync("cam")).GetProperty("frames").GetInt64();

        // The same user again, from a new page: taken in, not refused until the old session's consent expires (30 s).
        var again = await browser.Chromium.NewPageAsync();
        await again.GotoAsync($"{api}/web/publish.html?stream=cam&token={Key}&autostart=1");
        try
        {
            await Browser.WaitForAsync(again, "veilState", "v => v === 'connected'", seconds: 15);
        }
        catch (TimeoutException)
        {
            log.WriteLine(veil.Output); // it timed out once in several full runs under load: the server's side of it
            throw;
        }
        await serve.WaitForAsync("cam", s => s.GetProperty("attempts").GetInt64() == 2 && s.GetProperty("frames").GetInt64() > framesBefore + 25, seconds: 30);
        await again.ClickAsync("#stop");
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting", seconds: 30);
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        Assert.Contains("took stream cam over", veil.Output);
    }

    /// <summary>A WHIP session's resource: trickle taken, an ICE restart refused (RFC 9725 §4.3.1), DELETE once.</summary>
    private static async Task SessionResourceAnswersAsync(string api)
    {
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var offer = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WebRtc", "chrome-offer.sdp"));
        using var created = await http.PostAsync("/whip/cam", new StringContent(offer, new MediaTypeHeaderValue("application/sdp")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var resource = created.Headers.Location!.ToString();
        Assert.StartsWith("/whip/cam/", resource);
        Assert.Contains("a=ice-lite", await created.Content.ReadAsStringAsync());

        async Task<HttpStatusCode> Patch(string body, string type = "application/trickle-ice-sdpfrag")
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, resource) { Content = new StringContent(body, new MediaTypeHeaderValue(type)) };
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        string ufrag = offer.Split("\r\n").First(l => l.StartsWith("a=ice-ufrag:"))["a=ice-ufrag:".Length..];
        Assert.Equal(HttpStatusCode.NoContent, await Patch($"a=ice-ufrag:{ufrag}\r\na=ice-pwd:gfyI99lq+EQABFgw/qXxlMFI\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\na=candidate:1 1 udp 2130706431 127.0.0.1 9999 typ host\r\n"));
        Assert.Equal((HttpStatusCode)422, await Patch("a=ice-ufrag:newUfrag\r\na=ice-pwd:aNewPasswordOf24Chars00\r\nm=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await Patch("a=end-of-candidates\r\n", "application/sdp"));
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync(resource)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.DeleteAsync(resource)).StatusCode);
    }

    private static async Task RefusesBadRequestsAsync(string api, int udpPort)
    {
        using var http = new HttpClient { BaseAddress = new Uri(api) };
        async Task<(HttpStatusCode, string)> Post(string path, string body, string? token, string type = "application/sdp")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var offer = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WebRtc", "chrome-offer.sdp"));
        var (status, text) = await Post("/whip/cam", offer, null);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        (status, text) = await Post("/whip/cam", offer, "not-the-key");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("not the key", text);
        (status, text) = await Post("/whip/cam", "v=0\r\nthis is not SDP\r\n", Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("SDP offer cannot be used", text);
        var audioOnly = string.Join("\r\n", offer.Split("\r\n").TakeWhile(l => !l.StartsWith("m=video"))).Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0") + "\r\n";
        (status, text) = await Post("/whip/cam", audioOnly, Key);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("video", text);
        (status, text) = await Post("/whip/cam", offer, Key, "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        (status, text) = await Post("/whip/cam", offer, Key);
        Assert.Equal(HttpStatusCode.Conflict, status); // the browser is publishing
        Assert.Contains("already has a publisher", text);
        (status, _) = await Post("/whep/nope", offer, null);
        Assert.Equal(HttpStatusCode.NotFound, status);

        using var udp = new UdpClient();
        var random = new Random(3);
        for (int i = 0; i < 500; i++)
        {
            var junk = new byte[random.Next(1, 200)];
            random.NextBytes(junk);
            await udp.SendAsync(junk, new IPEndPoint(IPAddress.Loopback, udpPort));
        }
    }
}
