using System.Text.Json;
using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.Server.Serve;
using Veil.TestSupport;
using Veil.TestSupport.Fuzzing;

namespace Veil.Server.Tests.Serve;

/// <summary>
/// The ApiJson corpus (Corpus/ApiJson): `POST /api/streams` bodies, valid and not. Each reads into a
/// stream or the problems that refuse it (read as ASP.NET reads it, checked as the registry checks
/// it); curl posting each to `veil serve` gets 201 or a 400 that names the problem, never a 500; and
/// mutated bodies are taken, or refused as JSON or with problems, never anything else.
/// </summary>
public sealed class ApiJsonCorpusTests
{
    private const string Parser = "ApiJson";
    private const string Token = "api-json-corpus-token";

    /// <summary>Each body: taken, or its problems, or why it is no stream at all.</summary>
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["invalid-camera-missing.json"] = "problems: stream 'cam': camera file '/nonexistent/veil/camera.yaml' does not exist",
        ["invalid-destination-empty-string.json"] = "refused 400: field /destinations/2 must be a string, not null",
        ["invalid-destination-http.json"] = "problems: stream 'cam': destination 'http://x.example/live' is not rtmp:// or rtmps:// (or a file)",
        ["invalid-destinations-null.json"] = "refused 400: field /destinations must be an array of strings (rtmp:// URLs or files), not null",
        ["invalid-unknown-properties.json"] = "refused 400: unknown field /bitrate (a stream has name, source, key, destinations, loop, camera and redaction); unknown field /extra (a stream has name, source, key, destinations, loop, camera and redaction)",
        ["invalid-key-too-short.json"] = "problems: stream 'cam': the key must be 8-128 letters, digits, '-' or '_'",
        ["invalid-name-null.json"] = "refused 400: field /name must be a string, not null",
        ["invalid-name-too-long.json"] = "problems: stream name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' must be 1-64 letters, digits, '-' or '_'",
        ["invalid-name-with-slash.json"] = "problems: stream name 'cam 1/../x' must be 1-64 letters, digits, '-' or '_'",
        ["invalid-no-destinations.json"] = "problems: stream 'cam': no destination (an rtmp:// URL or a file)",
        ["invalid-no-source-no-key.json"] = "problems: stream 'cam': no source (a URL FFmpeg opens, or a file) and no key (for an RTMP publisher)",
        ["invalid-source-and-key.json"] = "problems: stream 'cam': give a source to pull or a key to be pushed to, not both",
        ["invalid-source-file-missing.json"] = "problems: stream 'cam': source file '/nonexistent/veil/clip.mp4' does not exist",
        ["malformed-array-body.json"] = "refused 400: the body is an array, not a stream: {\"name\", \"source\" or \"key\", \"destinations\": [...], \"loop\", \"camera\", \"redaction\": {...}}",
        ["malformed-cut-short.json"] = "refused 400: the body is not valid JSON at line 1, position 32: Expected end of string, but instead reached end of data.",
        ["malformed-deep-nesting.json"] = "refused 400: the body is not valid JSON at line 1, position 26: The maximum configured depth of 8 has been exceeded. Cannot read next JSON array.",
        ["malformed-destinations-string.json"] = "refused 400: field /destinations must be an array of strings (rtmp:// URLs or files), not the string \"rtmp://x.example/live/a\"",
        ["malformed-loop-string.json"] = "refused 400: field /loop must be true or false, not the string \"yes\"",
        ["malformed-trailing-comma.json"] = "refused 400: the body is not valid JSON at line 1, position 84: The JSON object contains a trailing comma at the end which is not supported in this mode. Change the reader options.",
        ["null-body.json"] = "refused 400: the body is null, not a stream: {\"name\", \"source\" or \"key\", \"destinations\": [...], \"loop\", \"camera\", \"redaction\": {...}}",
        ["valid-escaped-strings.json"] = "taken",
        ["valid-pull-stream-looped.json"] = "taken",
        ["valid-push-stream.json"] = "taken",
        ["valid-readme-example.json"] = "taken",
    };

    public static TheoryData<string> Seeds => new(Corpora.Server.FileNames(Parser, "*.json"));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Each_body_reads_into_a_stream_or_the_problems_that_refuse_it(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var expected), $"{name} has no expected outcome in this test");
        string outcome = Outcome(Corpora.Server.ReadText(Parser, name));
        Assert.True(outcome == expected, $"{name} reads as\n  {outcome}\nnot as\n  {expected}");
    }

    [Fact]
    public void A_body_that_is_not_utf8_is_refused_before_its_strings_are_read()
    {
        // Found by the fuzzer: the JSON parser accepts the bytes and only fails (a 500) when the name is read.
        byte[] body = [.. "{\"name\": \"ca"u8, 0xFF, .. "m\", \"key\": \"a-long-secret-key\", \"destinations\": [\"out.flv\"]}"u8];
        Assert.Equal("refused 400: the body is not UTF-8 text: send the stream as JSON in UTF-8", Outcome(body));
    }

    [Fact]
    public void Mutated_bodies_are_taken_or_refused_as_json_or_with_problems()
    {
        FuzzResult? result = null;
        FuzzInput.WithinDeadline(() => result = new FuzzRun(new ApiJsonTarget(), 20_000, seed: 14).Run());
        Assert.True(result!.Crashes + result.Hangs == 0, string.Join("\n", result.Findings));
        Assert.True(result.Taken > 0 && result.Refusals.ContainsKey("problems"), $"{result.Taken} taken; refused {string.Join(", ", result.Refusals)}");
    }

    [Fact]
    public async Task Curl_posting_each_body_to_veil_serve_gets_201_or_a_400_naming_the_problem()
    {
        string api = $"http://127.0.0.1:{LoopbackPort.PickFree()}";
        await using var veil = VeilProcess.Start(new Dictionary<string, string>(), "serve", "--http", api, "--admin-token", Token,
            "--rtmp", "off", "--grpc", "off", "--webrtc", "off", "--classes", "none");
        using var serve = new ServeClient(api, veil, Token);
        await WaitUntilListeningAsync(serve, veil);
        string dir = SharedData.OutDirectory("api-json");
        foreach (string name in Corpora.Server.FileNames(Parser, "*.json"))
        {
            string body = Path.Combine(dir, name);
            await File.WriteAllBytesAsync(body, Corpora.Server.ReadText(Parser, name));
            var curl = await ChildProcess.RunAsync("curl", ["-s", "-o", "-", "-w", "\n%{http_code}", "-X", "POST", "-H", $"Authorization: Bearer {Token}",
                "-H", "Content-Type: application/json", "--data-binary", "@" + body, $"{api}/api/streams"], TimeSpan.FromSeconds(30));
            var lines = curl.StdOut.TrimEnd().Split('\n');
            string status = lines[^1], answer = string.Join("\n", lines[..^1]);
            string expected = Expected[name];
            if (expected == "taken")
            {
                Assert.True(status == "201", $"{name}: {status} {answer}");
                string stream = JsonDocument.Parse(answer).RootElement.GetProperty("name").GetString()!;
                Assert.True((await serve.Http.DeleteAsync($"/api/streams/{stream}")).IsSuccessStatusCode);
            }
            else
            {
                Assert.True(status == "400", $"{name}: {status} {answer}\n{veil.Output}");
                string reason = expected.StartsWith("problems: ") ? expected["problems: ".Length..].Split("; ")[0] : expected[(expected.IndexOf(": ") + 2)..].Split("; ")[0];
                Assert.Contains(reason, Texts(JsonDocument.Parse(answer).RootElement));
            }
        }
    }

    private static async Task WaitUntilListeningAsync(ServeClient serve, RunningProcess veil)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            Assert.False(veil.HasExited, "veil serve exited: " + veil.Output);
            try
            {
                if ((await serve.Http.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { } // not listening yet
        }
        throw new TimeoutException("veil serve did not answer /healthz within 60 s:\n" + veil.Output);
    }

    /// <summary>Every string in an answer, wherever its format puts the reason.</summary>
    private static string Texts(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Object => string.Join("\n", e.EnumerateObject().Select(p => Texts(p.Value))),
        JsonValueKind.Array => string.Join("\n", e.EnumerateArray().Select(Texts)),
        _ => "",
    };

    private static string Outcome(byte[] body)
    {
        StreamSpec spec;
        try { spec = StreamSpecReader.Read(body); }
        catch (ControlApiException e) { return $"refused {e.Status}: {e.Message}"; }
        var problems = ApiJsonTarget.Problems(spec);
        return problems.Count == 0 ? "taken" : "problems: " + string.Join("; ", problems);
    }
}
