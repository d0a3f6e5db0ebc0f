using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Veil.Fuzz.Fakes;

/// <summary>
/// The server side of one Publish call, in memory: the bearer key in its headers and the HttpContext
/// grpc-dotnet hands handlers (found under the key its GetHttpContext() reads).
/// </summary>
public sealed class PublishCallContext(string key) : ServerCallContext
{
    private readonly Metadata _headers = new() { { "authorization", "Bearer " + key } };
    private readonly Dictionary<object, object> _userState = new()
    {
        ["__HttpContext"] = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Loopback } },
    };

    protected override string MethodCore => "/veil.v1.Publisher/Publish";
    protected override string HostCore => "127.0.0.1";
    protected override string PeerCore => "ipv4:127.0.0.1:50000";
    protected override DateTime DeadlineCore => DateTime.MaxValue;
    protected override Metadata RequestHeadersCore => _headers;
    protected override CancellationToken CancellationTokenCore => CancellationToken.None;
    protected override Metadata ResponseTrailersCore { get; } = new();
    protected override Status StatusCore { get; set; }
    protected override WriteOptions? WriteOptionsCore { get; set; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());
    protected override IDictionary<object, object> UserStateCore => _userState;

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("a fuzzed call propagates nothing");
}
