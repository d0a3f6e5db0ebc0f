using System.Text.Json;
using Veil.TestSupport;

namespace Veil.Server.Tests.Serve;

/// <summary>curl, the client operators script the control API with: one request, its status, headers and body.</summary>
internal static class Curl
{
    private static readonly string Dir = SharedData.OutDirectory("curl");

    public static async Task<CurlAnswer> RunAsync(params string[] args)
    {
        string id = Guid.NewGuid().ToString("N"), body = Path.Combine(Dir, id + ".body"), headers = Path.Combine(Dir, id + ".headers");
        try
        {
            var run = await ChildProcess.RunAsync("curl", ["-sS", "-o", body, "-D", headers, "-w", "%{http_code}", .. args], TimeSpan.FromSeconds(30));
            run.EnsureSuccess();
            return new CurlAnswer(int.Parse(run.StdOut.Trim()), File.ReadAllText(headers), File.ReadAllText(body));
        }
        finally
        {
            File.Delete(body);
            File.Delete(headers);
        }
    }
}

/// <summary>What curl got back; <see cref="Headers"/> holds every response of the exchange (a 100 Continue first, say).</summary>
internal sealed record CurlAnswer(int Status, string Headers, string Body)
{
    /// <summary>The body as an RFC 9457 problem, after checking its status, media type and members; fails on anything else.</summary>
    public JsonElement Problem(int status)
    {
        Assert.True(Status == status, $"expected {status}, got {Status}: {Body}");
        Assert.Matches(@"(?im)^content-type: application/problem\+json", Headers);
        var problem = JsonDocument.Parse(Body).RootElement.Clone();
        Assert.Equal("about:blank", problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("Exception", Body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Veil.", Body, StringComparison.Ordinal);
        return problem;
    }

    public string Detail(int status) => Problem(status).GetProperty("detail").GetString()!;
}
