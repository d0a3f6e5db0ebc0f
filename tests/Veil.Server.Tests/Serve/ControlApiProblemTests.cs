using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Veil.Server.Serve;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// The control API answered by curl with what operators get wrong: every error is RFC 9457
/// problem+json saying what is wrong and where, and the server goes on as before.
/// </summary>
public sealed class ControlApiProblemTests
{
    private static readonly string Dir = SharedData.OutDirectory("control-api");
    private const string Token = "test-admin-token";

    [Fact]
    public async Task Every_error_answer_is_problem_json_naming_what_is_wrong_and_where()
    {
        var (clip, _) = await FaceCamera.ClipAsync(Dir);
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(new Dictionary<string, string>(), "serve", "--http", api, "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--classes", "none");
        using var serve = new ServeClient(api, veil, Token);
        await serve.WaitUntilListeningAsync();
        string[] admin = ["-H", $"Authorization: Bearer {Token}"];
        Task<CurlAnswer> Post(string body, string type = "application/json", params string[] extra) =>
            Curl.RunAsync([.. admin, "-H", $"Content-Type: {type}", "--data-binary", body, .. extra, $"{api}/api/streams"]);

        // Malformed JSON: the line and position of the error, 1-based as editors count.
        var malformed = (await Post("{\n  \"name\": \"cam\",\n  \"loop\": tru\n}")).Problem(400);
        int position = malformed.GetProperty("position").GetInt32();
        Assert.Equal(3, malformed.GetProperty("line").GetInt32());
        Assert.InRange(position, 11, 15); // "tru" starts at 11; the reader stops where it gives up
        Assert.Contains($"not valid JSON at line 3, position {position}: ", malformed.GetProperty("detail").GetString());

        // Wrong types and unknown fields: every one named by its JSON pointer.
        var wrong = (await Post("""{"name":"cam","source":"x.mp4","destinations":"out.flv","loop":"yes","lop":true}""")).Problem(400);
        var errors = wrong.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("pointer").GetString()!, e => e.GetProperty("detail").GetString()!);
        Assert.Equal(["/destinations", "/loop", "/lop"], errors.Keys.Order());
        Assert.Contains("must be an array of strings", errors["/destinations"]);
        Assert.Contains("must be true or false, not the string \"yes\"", errors["/loop"]);
        Assert.Contains("unknown field /lop", errors["/lop"]);
        Assert.Contains("/loop", wrong.GetProperty("detail").GetString());

        Assert.Contains("the body is empty", (await Curl.RunAsync([.. admin, "-X", "POST", "-H", "Content-Type: application/json", $"{api}/api/streams"])).Detail(400));
        Assert.Contains("not a stream", (await Post("[1, 2]")).Detail(400));
        Assert.Contains("'text/plain'", (await Post("{}", "text/plain")).Detail(415));
        Assert.Contains("without a Content-Type", (await Curl.RunAsync([.. admin, "-H", "Content-Type:", "--data-binary", "{}", $"{api}/api/streams"])).Detail(415));

        // A huge body, announced by Content-Length or sent chunked, is refused at the limit.
        string huge = Path.Combine(Dir, "huge.json");
        await File.WriteAllTextAsync(huge, "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");
        var tooLarge = (await Post("@" + huge)).Problem(413);
        Assert.Equal(65536, tooLarge.GetProperty("limit_bytes").GetInt32());
        Assert.Contains("larger than the 65536 bytes", (await Post("@" + huge, "application/json", "-H", "Transfer-Encoding: chunked")).Detail(413));

        // The stream's own problems, a name in use, streams and endpoints that do not exist, no token.
        var invalid = await Post("""{"name":"x y","source":""}""");
        Assert.Contains("stream name 'x y'", invalid.Detail(400));
        var good = JsonSerializer.Serialize(new { name = "cam", source = clip, loop = true, destinations = new[] { Path.Combine(Dir, "cam.flv") } });
        Assert.Equal(201, (await Post(good)).Status);
        Assert.Contains("a stream named 'cam' already exists", (await Post(good)).Detail(409));
        var missing = (await Curl.RunAsync([.. admin, $"{api}/api/streams/nope"])).Problem(404);
        Assert.Equal("no stream named 'nope'", missing.GetProperty("detail").GetString());
        Assert.Equal("/api/streams/nope", missing.GetProperty("instance").GetString());
        Assert.Contains("no stream named 'nope'", (await Curl.RunAsync([.. admin, "-X", "DELETE", $"{api}/api/streams/nope"])).Detail(404));
        Assert.Contains("no endpoint PUT /api/streams", (await Curl.RunAsync([.. admin, "-X", "PUT", $"{api}/api/streams"])).Detail(404));
        var anonymous = await Curl.RunAsync($"{api}/api/streams");
        Assert.Contains("Authorization: Bearer", anonymous.Detail(401));
        Assert.Matches(@"(?im)^www-authenticate: Bearer", anonymous.Headers);

        // Nothing was lost on the way: the stream runs, and is removed like any other.
        var cam = await Curl.RunAsync([.. admin, $"{api}/api/streams/cam"]);
        Assert.Equal(200, cam.Status);
        Assert.Equal("cam", JsonDocument.Parse(cam.Body).RootElement.GetProperty("name").GetString());
        Assert.Equal(204, (await Curl.RunAsync([.. admin, "-X", "DELETE", $"{api}/api/streams/cam"])).Status);

        // Last, as it locks this address out for a minute: guessing tokens ends in 429 with Retry-After.
        CurlAnswer guess;
        int guesses = 0;
        do guess = await Curl.RunAsync("-H", "Authorization: Bearer wrong-token", $"{api}/api/streams");
        while (guess.Status == 401 && ++guesses < 20);
        Assert.Contains("too many wrong tokens from 127.0.0.1", guess.Detail(429));
        Assert.Matches(@"(?im)^retry-after: \d+", guess.Headers);
        Assert.Equal(0, await veil.StopAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_500_problem_that_shows_nothing_of_the_failure()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        ControlApiProblems.Use(app);
        app.MapGet("/api/fails", string () => throw new InvalidOperationException("secret internals"));
        await app.StartAsync();

        var answer = await Curl.RunAsync($"{app.Urls.First()}/api/fails");

        Assert.Equal("internal error (logged by veil serve)", answer.Detail(500));
        Assert.DoesNotContain("secret", answer.Body, StringComparison.Ordinal);
        await app.StopAsync();
    }
}
