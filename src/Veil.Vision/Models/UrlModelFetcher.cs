using System.Net;

namespace Veil.Vision.Models;

/// <summary>
/// Downloads a model file over HTTP(S). The connect timeout is short so an unreachable upstream (offline,
/// firewalled) falls through to the next source quickly.
/// </summary>
internal sealed class UrlModelFetcher(TimeSpan connectTimeout, TimeSpan downloadTimeout) : IModelSourceFetcher
{
    public async Task FetchAsync(ModelSource source, ModelSpec spec, string destination, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = connectTimeout, AutomaticDecompression = DecompressionMethods.None };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(downloadTimeout);
        try
        {
            using var response = await http.GetAsync(source.Url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
                throw new ModelSourceUnavailableException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            long limit = ModelFileCopy.Limit(spec);
            if (response.Content.Headers.ContentLength is { } length && length >= limit)
                throw new ModelSourceUnavailableException($"is {length} bytes, expected {spec.Size}");
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            await ModelFileCopy.CopyAsync(body, destination, limit, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Either the handler's connect timeout (its message says so) or our overall deadline.
            string reason = deadline.IsCancellationRequested
                ? $"no complete download within {downloadTimeout.TotalSeconds:0} s"
                : e.Message;
            throw new ModelSourceUnavailableException(reason, e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new ModelSourceUnavailableException(e.Message, e);
        }
    }
}
