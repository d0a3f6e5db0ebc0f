using System.Diagnostics;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// What real RTMP publishers and players meet (FFmpeg as both): a video-only publisher starts at
/// once, the output keeps the audio from its first packet, a publisher that dropped and reconnects
/// takes its stream over, and a player on the publish port is told where to watch instead of hanging.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class RtmpPublisherTests(ModelsFixture models, ITestOutputHelper log)
{
    private static readonly string Dir = SharedData.OutDirectory("rtmp-publishers");
    private const string Token = "test-admin-token", Key = "camera-key-1234";

    [Fact]
    public async Task Publishers_start_at_once_keep_their_audio_take_over_when_back_and_players_are_told_where_to_watch()
    {
        string videoOnly = Path.Combine(Dir, "video-only.flv"), withAudio = Path.Combine(Dir, "with-audio.flv");
        await FfTools.GenerateClipAsync(videoOnly, 320, 240, 25, 4, withAudio: false);
        await FfTools.GenerateClipAsync(withAudio, 320, 240, 25, 10, withAudio: true);
        int rtmpPort = LoopbackPort.PickFree(), httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}", ingest = $"rtmp://127.0.0.1:{rtmpPort}/live", recording = Path.Combine(Dir, "cam.flv");
        foreach (var earlier in Directory.GetFiles(Dir, "cam*.flv")) File.Delete(earlier); // each publish writes a file of its own: cam.flv, cam-2.flv, ...
        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{rtmpPort}",
            "--grpc", "off", "--webrtc", "off", "--classes", "face", "--stream", $"cam:{Key}", "--to", recording);
        using var serve = new ServeClient(api, veil, Token);
        await WaitingAsync(serve);

        // A video-only publisher: running within a few seconds (the FLV header no longer announces audio that never comes).
        var clock = Stopwatch.StartNew();
        var video = FfTools.RunFfmpegAsync(["-re", "-i", videoOnly, "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]);
        await serve.WaitForAsync("cam", s => s.GetProperty("frames").GetInt64() > 0, seconds: 20);
        var started = clock.Elapsed;
        (await video).EnsureSuccess();
        log.WriteLine($"video-only publisher: first frame encoded {started.TotalSeconds:0.0} s after it started");
        Assert.True(started < TimeSpan.FromSeconds(4), $"a video-only publisher took {started.TotalSeconds:0.0} s to start");
        await WaitingAsync(serve);

        // 10 s with audio, recorded: the output's audio starts with the first packet, none is lost.
        (await FfTools.RunFfmpegAsync(["-re", "-i", withAudio, "-c", "copy", "-f", "flv", $"{ingest}/{Key}"])).EnsureSuccess();
        await WaitingAsync(serve);
        // The second publish wrote beside the first one's file, which it left whole (it used to truncate it).
        string second = (await serve.GetAsync("cam")).GetProperty("destinations")[0].GetProperty("file").GetString()!;
        Assert.Equal("cam-2.flv", Path.GetFileName(second));
        var first = await FfTools.ProbeAsync(recording);
        Assert.True(first.Video.NbReadFrames > 50 && first.Audio is null, $"the first publish's file holds {first.Video.NbReadFrames} frames, audio {first.Audio?.CodecName ?? "none"}");
        int sent = await AudioPacketsAsync(withAudio), kept = await AudioPacketsAsync(second);
        log.WriteLine($"audio: {kept} of {sent} AAC frames in the output");
        Assert.InRange(kept, sent - 3, sent);

        // A publisher that drops with a backlog queued (it sent faster than real time) and is back 2 s later starts at once.
        using (var cut = new CancellationTokenSource())
        {
            var flood = FfTools.RunFfmpegAsync(["-stream_loop", "-1", "-i", withAudio, "-c", "copy", "-f", "flv", $"{ingest}/{Key}"], TimeSpan.FromMinutes(2), cut.Token);
            await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
            cut.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => flood);
        }
        await Task.Delay(2000);
        long attempts = (await serve.GetAsync("cam")).GetProperty("attempts").GetInt64();
        clock.Restart();
        var back = FfTools.RunFfmpegAsync(["-re", "-i", withAudio, "-t", "4", "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]);
        await serve.WaitForAsync("cam", s => s.GetProperty("attempts").GetInt64() > attempts, seconds: 10);
        log.WriteLine($"the returning publisher's run started {clock.Elapsed.TotalSeconds:0.0} s after it connected");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the returning publisher waited {clock.Elapsed.TotalSeconds:0.0} s");
        (await back).EnsureSuccess();
        await WaitingAsync(serve);

        // A publisher whose connection went half-open (frozen: its socket stays open, nothing arrives) is taken over by the next one with the key.
        await using (var frozen = RunningProcess.Start("ffmpeg", ["-hide_banner", "-re", "-stream_loop", "-1", "-i", withAudio, "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]))
        {
            await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "running" && s.GetProperty("frames").GetInt64() > 25);
            frozen.Freeze();
            await Task.Delay(2500);
            attempts = (await serve.GetAsync("cam")).GetProperty("attempts").GetInt64();
            clock.Restart();
            var next = FfTools.RunFfmpegAsync(["-re", "-i", withAudio, "-t", "3", "-c", "copy", "-f", "flv", $"{ingest}/{Key}"]);
            await serve.WaitForAsync("cam", s => s.GetProperty("attempts").GetInt64() > attempts, seconds: 10);
            log.WriteLine($"the publisher after a frozen one ran {clock.Elapsed.TotalSeconds:0.0} s after it connected");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"the publisher after a frozen one waited {clock.Elapsed.TotalSeconds:0.0} s");
            (await next).EnsureSuccess();
            await frozen.KillAsync();
        }

        // A player on the publish port: told at once where the anonymized stream is.
        clock.Restart();
        var player = await FfTools.RunFfmpegAsync(["-i", $"{ingest}/cam", "-t", "1", "-f", "null", "-"], TimeSpan.FromSeconds(30));
        Assert.False(player.Succeeded);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the player waited {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Contains("takes publishers only: watch stream 'cam' anonymized", player.StdErr);

        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
        log.WriteLine(veil.Output);
        Assert.Contains("took stream cam over", veil.Output);
    }

    private static Task WaitingAsync(ServeClient serve) => serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");

    private static async Task<int> AudioPacketsAsync(string file)
    {
        var probe = await FfTools.RunFfprobeAsync(["-v", "error", "-select_streams", "a", "-count_packets", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", file]);
        probe.EnsureSuccess();
        return int.Parse(probe.StdOut.Trim());
    }
}
