using System.Globalization;
using System.Text.Json;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve.Recording;

/// <summary>
/// Recording with retention at a reduced scale: 4 s files kept 10 s, a 30 s publish. The control
/// API lists what is kept, the oldest files are gone, each kept one is whole; a SIGKILL of veil in
/// the middle of a file loses only that file, and the next start clears its remains.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class RecordingServeTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string Token = "test-admin-token", Key = "recording-key-1";

    [Fact]
    public async Task Recordings_are_cut_listed_and_deleted_oldest_first_and_a_killed_server_loses_only_the_open_file()
    {
        string dir = SharedData.OutDirectory("recording"), folder = Path.Combine(dir, "files");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", ingest = $"rtmp://127.0.0.1:{rtmpPort}/live/{Key}";
        string[] args = ["serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}", "--grpc", "off", "--webrtc", "off", "--hls", "off",
            "--classes", "none", "--stream", $"cam:{Key}", "--to", Path.Combine(dir, "cam.flv"),
            "--record", folder, "--record-segment-seconds", "4", "--record-keep-hours", (10.0 / 3600).ToString(CultureInfo.InvariantCulture)];
        string[] publish(int seconds) => ["-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-g", "25", "-c:a", "aac", "-f", "flv", ingest];

        await using (var veil = VeilProcess.Start(models.Environment, args))
        {
            using var serve = new ServeClient(api, veil, Token);
            await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
            (await FfTools.RunFfmpegAsync(publish(30), TimeSpan.FromMinutes(2))).EnsureSuccess();
            await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
            var listed = await ListAsync(serve);
            log.WriteLine("kept after a 30 s publish: " + string.Join(", ", listed.Select(f => $"{f.Name} {f.Bytes} B")));
            Assert.InRange(listed.Count, 2, 4); // 10 s of 4 s files, and the last, shorter one
            Assert.Contains("older than Veil:Recording:KeepHours", veil.Output);
            foreach (var file in listed)
            {
                var probe = await FfTools.ProbeAsync(Path.Combine(folder, "cam", file.Name));
                Assert.Equal(("h264", "aac"), (probe.Video.CodecName, probe.Audio?.CodecName));
                Assert.InRange(probe.FormatDuration ?? 0, 0.5, 6.5); // 4 s, cut at the first keyframe after
            }
            Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        }

        // Killed in the middle of a file: every closed file stays whole; only the open ".part" is lost.
        await using (var veil = VeilProcess.Start(models.Environment, args))
        {
            using var serve = new ServeClient(api, veil, Token);
            await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
            var before = (await ListAsync(serve)).Select(f => f.Name).ToHashSet();
            using var cut = new CancellationTokenSource();
            var publisher = FfTools.RunFfmpegAsync(publish(60), TimeSpan.FromMinutes(2), cut.Token);
            for (var deadline = DateTime.UtcNow.AddSeconds(60); (await ListAsync(serve)).All(f => before.Contains(f.Name)); await Task.Delay(200))
                Assert.True(DateTime.UtcNow < deadline, "no file closed in 60 s: " + veil.Output);
            await Task.Delay(2000); // inside the next file
            await veil.KillAsync();
            cut.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher);
        }
        var parts = Directory.GetFiles(Path.Combine(folder, "cam"), "*.part");
        Assert.Single(parts);
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "cam"), "*.mp4"))
            Assert.True((await FfTools.ProbeAsync(file)).Video.NbReadFrames > 0, file);

        await using (var veil = VeilProcess.Start(models.Environment, args))
        {
            using var serve = new ServeClient(api, veil, Token);
            await serve.WaitUntilListeningAsync();
            Assert.Contains("left unfinished when the server stopped last", veil.Output);
            Assert.False(File.Exists(parts[0]));
            Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
            log.WriteLine(veil.Output);
        }
    }

    private static async Task<List<(string Name, long Bytes)>> ListAsync(ServeClient serve)
    {
        var json = JsonDocument.Parse(await serve.Http.GetStringAsync("/api/streams/cam/recordings")).RootElement;
        return json.GetProperty("files").EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("bytes").GetInt64())).ToList();
    }
}
