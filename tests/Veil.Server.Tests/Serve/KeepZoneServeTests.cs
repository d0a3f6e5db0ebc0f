using System.Text.Json;
using OpenCvSharp;
using Veil.Server.Tests.Anonymize;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// A `veil serve` stream with its own camera file applies its keep zones: the overlay clip
/// (<see cref="OverlayClip"/>) played once in real time to a file, judged from that file's pixels.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class KeepZoneServeTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string Token = "keep-zone-admin-token";

    [Fact]
    public async Task A_streams_camera_file_keeps_the_timestamp_readable_and_still_redacts_the_face()
    {
        string dir = SharedData.OutDirectory("keep-zones-serve");
        string clip = await OverlayClip.PathAsync(), camera = Path.Combine(dir, "overlay-cam.yaml"), output = Path.Combine(dir, "overlay.mkv");
        File.Delete(output);
        await File.WriteAllTextAsync(camera, OverlayClip.KeepZonesYaml);
        string config = Path.Combine(dir, "serve.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Veil = new { Streams = new[] { new { Name = "overlay", Source = clip, Loop = false, Destinations = new[] { output }, Camera = camera } } },
        }));
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--config", config, "--http", api, "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--detector-timeout-ms", "10000"); // late frames are shed, not filled
        using (var serve = new ServeClient(api, veil, Token))
        {
            await serve.WaitUntilListeningAsync();
            await serve.WaitForAsync("overlay", s => s.GetProperty("state").GetString() == "finished", seconds: 120);
        }
        Assert.Contains("stream overlay: running, 1280x720", veil.Output);
        Assert.Contains("2 keep zone(s) (\"top-left overlay\", \"caption\"): text there is not redacted", veil.Output);

        // A live stream may shed frames when it falls behind, so output frames are matched to the
        // input by content: the timestamp against each second's, the face against its one picture.
        var input = await ClipFrames.SampleAsync(clip, Path.Combine(dir, "input"), OverlayClip.Fps);
        var published = await ClipFrames.SampleAsync(output, Path.Combine(dir, "output"), 1);
        try
        {
            // On 2 busy cores most frames may be shed; what is published is what must be right.
            Assert.True(published.Count >= 5, $"only {published.Count} frames were published");
            var timestamp = published.Select(o => input.Max(i => ImageDetail.DetailCorrelation(i, o, OverlayClip.Timestamp))).ToList();
            var face = published.Select(o => ImageDetail.DetailCorrelation(input[0], o, OverlayClip.FaceInner)).ToList();
            log.WriteLine($"{published.Count} published frames, detail correlation min / median / max: timestamp {ClipFrames.MinMedianMax(timestamp)}; face {ClipFrames.MinMedianMax(face)}");
            Assert.True(timestamp.Min() > 0.9, $"timestamp redacted somewhere: {ClipFrames.MinMedianMax(timestamp)}");
            Assert.True(face.Max() < 0.3, $"the face in the keep zone shows: {ClipFrames.MinMedianMax(face)}");
        }
        finally
        {
            foreach (var frame in input.Concat(published)) frame.Dispose();
        }
    }
}
