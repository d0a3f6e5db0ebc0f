using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Veil.Server.Hooks;

/// <summary>
/// POSTs one event to a webhook until the receiver answers 2xx: each attempt signed afresh (its own
/// time in Veil-Signature), the pause between attempts 1 s doubling to the hook's cap, with ±20 %
/// jitter so servers that lost one receiver together do not come back in the same instant.
/// Redirects are not followed (a 3xx is retried like any other answer that is not 2xx).
/// </summary>
internal sealed class WebhookSender(HookSpec spec, ILogger log) : IDisposable
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectTimeout = AttemptTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5), // a receiver that moved (DNS) is found again
    })
    { Timeout = AttemptTimeout };

    public async Task DeliverAsync(HookEvent e, CancellationToken ct)
    {
        for (int attempt = 1; ; attempt++)
        {
            var clock = Stopwatch.StartNew();
            int status = 0;
            string error;
            try
            {
                using var request = Request(e, attempt);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    HooksLog.Delivered(log, spec.Name, e.Type, e.Id, e.Stream, status, attempt, clock.ElapsedMilliseconds);
                    return;
                }
                error = $"HTTP {status} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
            catch (TaskCanceledException) { error = $"no answer within {AttemptTimeout.TotalSeconds:0} s"; }
            catch (Exception other) { error = other.Message; } // refused, reset, DNS, TLS: all retried
            HookMetrics.FailedAttempts.WithLabels(spec.Name).Inc();
            var pause = Pause(attempt);
            HooksLog.AttemptFailed(log, spec.Name, e.Type, e.Id, e.Stream, status, error, attempt, pause.TotalSeconds);
            await Task.Delay(pause, ct);
        }
    }

    private HttpRequestMessage Request(HookEvent e, int attempt)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, spec.Url) { Content = new ByteArrayContent(e.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("veil-hooks", "1"));
        request.Headers.Add(HookSignature.Header, HookSignature.Sign(spec.Secret!, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), e.Body));
        request.Headers.Add("Veil-Event-Id", e.Id);
        request.Headers.Add("Veil-Event-Type", e.Type);
        request.Headers.Add("Veil-Delivery-Attempt", attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return request;
    }

    private TimeSpan Pause(int attempt)
    {
        double seconds = Math.Min(spec.RetryMaxSeconds, Math.Pow(2, Math.Min(attempt - 1, 30)));
        return TimeSpan.FromSeconds(Math.Min(spec.RetryMaxSeconds, seconds * (0.8 + 0.4 * Random.Shared.NextDouble())));
    }

    public void Dispose() => _http.Dispose();
}
