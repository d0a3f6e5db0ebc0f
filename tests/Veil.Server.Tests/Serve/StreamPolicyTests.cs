using System.Net;
using System.Text;
using System.Text.Json;
using OpenCvSharp;
using Veil.Server.Tests.Anonymize;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// A running stream's privacy policy read and changed through GET/PATCH /api/streams/{name}/policy,
/// judged from the pixels `veil serve` wrote, and the changes it refuses whole.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class StreamPolicyTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string Token = "policy-admin-token";

    [Fact]
    public async Task Adding_plate_and_a_style_to_a_running_stream_applies_from_the_next_frame()
    {
        string dir = SharedData.OutDirectory("stream-policy");
        string clip = await OverlayClip.PathAsync(), output = Path.Combine(dir, "policy.mkv");
        File.Delete(output);
        // The server may redact faces and plates (its models are loaded for both); this stream starts with faces only.
        string config = Path.Combine(dir, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new { Streams = new[] { new { Name = "overlay", Source = clip, Loop = true, Destinations = new[] { output }, Redaction = new { Classes = new[] { "face" } } } } },
        }));
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off",
            "--webrtc", "off", "--detector-timeout-ms", "10000");
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("overlay", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 50, seconds: 120);

        var before = await GetPolicyAsync(serve);
        Assert.Equal(["face"], before.GetProperty("policy").GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        long encoded = (await serve.GetAsync("overlay")).GetProperty("frames").GetInt64();
        var (status, body, _) = await PatchAsync(serve, """{"classes": ["face", "plate"], "style": "fill"}""");
        Assert.True(status == HttpStatusCode.OK, body);
        var change = JsonDocument.Parse(body).RootElement;
        Assert.Equal(["classes", "style"], change.GetProperty("applied").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(change.GetProperty("next_run").EnumerateArray());

        long from = -1;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); from < 0 && DateTime.UtcNow < deadline; await Task.Delay(100))
            if ((await GetPolicyAsync(serve)).GetProperty("applied_from_frame") is { ValueKind: JsonValueKind.Number } f) from = f.GetInt64();
        Assert.True(from >= encoded, $"the new policy claims frame {from}, before the {encoded} frames encoded when it was sent");
        await serve.WaitForAsync("overlay", s => s.GetProperty("frames").GetInt64() > from + 75, seconds: 60);
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        // Every line about the stream, not only the policy's: a run that failed and restarted after the
        // change once left an output of 70 frames (CI suite, 2026-12-07), and its reason was not logged.
        log.WriteLine(string.Join("\n", veil.Output.Split('\n').Where(l => l.Contains("stream overlay"))));
        Assert.Matches(@"stream overlay: policy changed by policy-test from 127\.0\.0\.1: classes face,plate, style fill, cadence live", veil.Output);

        // Judged by content (a live stream may shed frames, so output frames are not input frames by
        // index): the timestamp against each second's, the face by whether its box is one flat colour.
        var input = await ClipFrames.SampleAsync(clip, Path.Combine(dir, "input"), OverlayClip.Fps);
        var published = await ClipFrames.SampleAsync(output, Path.Combine(dir, "output"), 5);
        try
        {
            var frames = published.Select(o => Judge(input, o)).ToList();
            log.WriteLine($"{frames.Count} frames sampled, face filled / timestamp readable: {string.Concat(frames.Select(f => (f.FaceFilled ? "F" : "m") + (f.TimestampReadable ? "T" : "-") + " "))}");
            int first = frames.FindIndex(f => f.FaceFilled);
            Assert.True(first > 2, "no frame shows the new style, or one of the first already does");
            // The look-ahead (200 ms: the two samples before) hides plates found after the change in the frames before it too.
            Assert.True(frames.Take(first - 2).All(f => f.TimestampReadable), "text was redacted before plates were added");
            Assert.True(frames.Skip(first).All(f => f.FaceFilled), "a frame after the change went back to the old style");
            // Plates (text) are found from the frame the change reached (a whole-frame pass); the live
            // cadence reads a still overlay by regions and tiles after that, and missed this one in 1
            // of 47 sampled frames once: the look at text is issue 15's, the policy's part is the switch.
            var after = frames.Skip(first + 1).ToList();
            Assert.True(after.Count(f => !f.TimestampReadable) >= 0.9 * after.Count, $"the timestamp stayed readable in {after.Count(f => f.TimestampReadable)} of {after.Count} frames after plates were added");
        }
        finally
        {
            foreach (var frame in input.Concat(published)) frame.Dispose();
        }
    }

    [Fact]
    public async Task An_invalid_or_loosening_policy_change_is_refused_whole_and_the_old_policy_stays()
    {
        string dir = SharedData.OutDirectory("stream-policy-refused");
        var (clip, _) = await FaceCamera.ClipAsync(dir);
        string config = Path.Combine(dir, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Veil = new { PolicyChanges = "tighten-only", Redaction = new { Classes = new[] { "face" } } } }));
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", api, "--admin-token", Token, "--rtmp", "off", "--grpc", "off",
            "--webrtc", "off", "--pull", $"cam={clip}", "--loop", "--to", Path.Combine(dir, "cam.mkv"));
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 10, seconds: 120);
        string policy = (await GetPolicyAsync(serve)).GetProperty("policy").GetRawText();

        await AssertRefusedAsync(serve, """{"classes": ["face", "dog"], "style": "fill"}""", 400, "'dog' is not a class");
        await AssertRefusedAsync(serve, """{"style": "wobbly", "look_ahead_ms": 99999}""", 400, "'wobbly' is not a style", "LookAheadMs 99999 must be between 0 and 5000");
        await AssertRefusedAsync(serve, """{"classes": "face"}""", 400, "field /classes must be an array");
        await AssertRefusedAsync(serve, """{"colour": "red"}""", 400, "unknown field /colour");
        await AssertRefusedAsync(serve, """{"classes": ["face", "plate"]""", 400, "not valid JSON");
        await AssertRefusedAsync(serve, """{"classes": []}""", 403, "face would no longer be redacted");
        await AssertRefusedAsync(serve, """{"style": "blur"}""", 403, "face would be redacted with blur instead of mosaic");
        await AssertRefusedAsync(serve, """{"classes": ["face", "plate"]}""", 409, "did not load the models for plate");
        Assert.Equal(policy, (await GetPolicyAsync(serve)).GetProperty("policy").GetRawText());

        var (status, body, _) = await PatchAsync(serve, """{"class_styles": {"face": "fill"}, "cadence": "every-frame"}"""); // tighter: taken
        Assert.True(status == HttpStatusCode.OK, body);
        var now = JsonDocument.Parse(body).RootElement;
        Assert.Equal("fill", now.GetProperty("policy").GetProperty("class_styles").GetProperty("face").GetString());
        Assert.Equal(["cadence"], now.GetProperty("next_run").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["cadence"], (await GetPolicyAsync(serve)).GetProperty("pending_next_run").EnumerateArray().Select(f => f.GetString()));
        long frames = (await serve.GetAsync("cam")).GetProperty("frames").GetInt64();
        await serve.WaitForAsync("cam", s => s.GetProperty("frames").GetInt64() > frames + 25 && s.GetProperty("state").GetString() == "running");
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("stream cam: policy change by policy-test from 127.0.0.1 refused, the policy stays as it was: the policy change is invalid: policy:Classes: 'dog'", veil.Output);
    }

    [Fact]
    public async Task A_bad_policy_in_the_configuration_is_refused_at_start_with_every_problem_named()
    {
        string dir = SharedData.OutDirectory("stream-policy-config");
        string config = Path.Combine(dir, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new
            {
                Redaction = new { Classes = new[] { "face", "dog" }, Style = "wobbly" },
                Streams = new[] { new { Name = "cam", Key = "policy-config-key", Destinations = new[] { Path.Combine(dir, "cam.mkv") }, Redaction = new { LookAheadMs = -1, OnDetectorFailure = "shrug" } } },
            },
        }));
        var run = await VeilProcess.RunAsync(models.Environment, TimeSpan.FromMinutes(1), "serve", "--config", config, "--rtmp", "off", "--grpc", "off", "--webrtc", "off",
            "--http", $"http://127.0.0.1:{LoopbackPort.PickFree()}");
        Assert.NotEqual(0, run.ExitCode);
        foreach (var problem in new[]
                 {
                     "Veil:Redaction:Classes: 'dog' is not a class", "Veil:Redaction:Style 'wobbly' is not a style",
                     "Veil:Streams:cam:Redaction:LookAheadMs -1 must be between 0 and 5000", "Veil:Streams:cam:Redaction:OnDetectorFailure 'shrug' must be fill or drop",
                 })
            Assert.Contains(problem, run.StdErr);
    }

    /// <summary>Whether the face is one flat colour (fill; the old style is a mosaic) and the timestamp as readable as in the input.</summary>
    private static (bool FaceFilled, bool TimestampReadable) Judge(List<Mat> input, Mat output)
    {
        double timestamp = input.Max(i => ImageDetail.DetailCorrelation(i, output, OverlayClip.Timestamp));
        using var face = new Mat(output, OverlayClip.FaceInner);
        Cv2.MeanStdDev(face, out _, out var spread);
        return (spread.Val0 < 4 && spread.Val1 < 4 && spread.Val2 < 4, timestamp > 0.9);
    }

    private static async Task<JsonElement> GetPolicyAsync(ServeClient serve) =>
        JsonDocument.Parse(await serve.Http.GetStringAsync($"/api/streams/{await OnlyStreamAsync(serve)}/policy")).RootElement.Clone();

    private static async Task<(HttpStatusCode Status, string Body, string? Type)> PatchAsync(ServeClient serve, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/streams/{await OnlyStreamAsync(serve)}/policy") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Veil-Operator", "policy-test");
        using var response = await serve.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<string> OnlyStreamAsync(ServeClient serve) =>
        JsonDocument.Parse(await serve.Http.GetStringAsync("/api/streams")).RootElement.EnumerateArray().Single().GetProperty("name").GetString()!;

    private static async Task AssertRefusedAsync(ServeClient serve, string json, int status, params string[] reasons)
    {
        var (code, body, type) = await PatchAsync(serve, json);
        Assert.True((int)code == status, $"PATCH {json}: {(int)code} {body}");
        Assert.Equal("application/problem+json", type);
        foreach (var reason in reasons) Assert.Contains(reason, body);
    }
}
