using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Veil.Violations.Outbox;

/// <summary>
/// Sends one entry as <c>multipart/form-data</c> (part "event": the JSON payload; one part per
/// attachment, named by it) and sorts the answer into accepted, rejected for good, or retry.
/// </summary>
internal sealed class EventPoster : IDisposable
{
    private const int MaxReasonBodyChars = 300;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly TimeSpan _timeout;

    public EventPoster(OutboxDeliveryOptions options)
    {
        _endpoint = options.EventsEndpoint;
        _timeout = options.RequestTimeout;
        // A redirect would turn the POST into a GET or send the token elsewhere: report it instead.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler) { Timeout = options.RequestTimeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.IngestToken);
    }

    public async Task<DeliveryOutcome> PostAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        using var content = BuildContent(entry);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
            // Headers only: an error body is read up to a few hundred characters, however long it is.
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return await ClassifyAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return new DeliveryOutcome(DeliveryVerdict.Retry, $"cannot reach the sidecar at {_endpoint}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(DeliveryVerdict.Retry, $"the sidecar at {_endpoint} did not answer within {_timeout.TotalSeconds:0.#} s");
        }
    }

    private static MultipartFormDataContent BuildContent(OutboxEntry entry)
    {
        var content = new MultipartFormDataContent { { new StringContent(entry.JsonPayload, Encoding.UTF8, "application/json"), "event" } };
        foreach (var attachment in entry.Attachments)
        {
            var part = new ByteArrayContent(attachment.Bytes);
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(attachment.ContentType);
            // A file name makes servers (ASP.NET's IFormFile among them) treat the part as a file.
            content.Add(part, attachment.Name, attachment.Name);
        }
        return content;
    }

    private async Task<DeliveryOutcome> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode) return new DeliveryOutcome(DeliveryVerdict.Accepted, $"HTTP {status}");

        var answer = $"the sidecar answered HTTP {status} {response.ReasonPhrase}: {await ReadReasonAsync(response, cancellationToken).ConfigureAwait(false)}";
        return response.StatusCode switch
        {
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests =>
                new DeliveryOutcome(DeliveryVerdict.Retry, answer, response.Headers.RetryAfter?.Delta),
            // These say the endpoint or the token is wrong, not the event: dead-lettering would empty
            // the whole queue into the dead letters until someone fixes the configuration.
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound =>
                new DeliveryOutcome(DeliveryVerdict.Retry, $"{answer} (check the sidecar URL {_endpoint} and the ingest token)"),
            _ when status is >= 400 and < 500 => new DeliveryOutcome(DeliveryVerdict.Rejected, answer),
            _ => new DeliveryOutcome(DeliveryVerdict.Retry, answer, response.Headers.RetryAfter?.Delta),
        };
    }

    private static async Task<string> ReadReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxReasonBodyChars + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = new string(buffer, 0, Math.Min(read, MaxReasonBodyChars)).Trim();
        if (body.Length == 0) return "(no body)";
        return read > MaxReasonBodyChars ? body + "…" : body;
    }

    public void Dispose() => _http.Dispose();
}
