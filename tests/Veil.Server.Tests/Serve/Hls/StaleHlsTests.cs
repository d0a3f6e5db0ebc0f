using System.Net;
using Veil.Server.Tests.Detection;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve.Hls;

/// <summary>
/// A server killed mid-run leaves its stream's playlist and segments in the HLS folder. The next
/// server must not serve them as the stream's (a player would sit on a dead playlist): a stream's
/// own files go when it is added, and a user's files beside them stay.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class StaleHlsTests(ModelsFixture models)
{
    private const string Token = "stale-hls-token";

    [Fact]
    public async Task A_playlist_a_killed_server_left_is_not_served_and_a_users_file_stays()
    {
        string dir = SharedData.OutDirectory("stale-hls"), cam = Path.Combine(dir, "cam");
        Directory.CreateDirectory(cam);
        await File.WriteAllTextAsync(Path.Combine(cam, "index.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\nseg-1.m4s\n");
        await File.WriteAllTextAsync(Path.Combine(cam, "seg-1.m4s"), "old");
        await File.WriteAllTextAsync(Path.Combine(cam, "notes.txt"), "the user's");
        int httpPort = LoopbackPort.PickFree();
        string api = $"http://127.0.0.1:{httpPort}";

        await using var veil = VeilProcess.Start(models.Environment, "serve", "--http", api, "--admin-token", Token, "--rtmp", $"127.0.0.1:{LoopbackPort.PickFree()}",
            "--grpc", "off", "--webrtc", "off", "--stream", "cam:stale-hls-key", "--to", Path.Combine(dir, "cam.flv"), "--hls", dir);
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitForAsync("cam", s => s.GetProperty("state").GetString() == "waiting");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{api}/hls/cam/index.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{api}/hls/cam/seg-1.m4s")).StatusCode);
        Assert.Equal(["notes.txt"], Directory.GetFiles(cam).Select(Path.GetFileName));
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
    }
}
