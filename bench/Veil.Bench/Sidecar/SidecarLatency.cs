using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Veil.Bench.Sidecar;

/// <summary>
/// Times the public endpoints one request at a time (body read included): the first page of events,
/// a filtered page, statistics computed afresh (a new from= each request, so the sidecar's
/// short-lived cache cannot answer), statistics from that cache, revalidation by ETag (304) and
/// /stats.html when the web pages are there.
/// </summary>
internal static class SidecarLatency
{
    public sealed record Row(string Name, int Requests, double P50Ms, double P95Ms, double MaxMs);

    public static async Task<List<Row>> MeasureAsync(HttpClient http, string adminToken, int requests, CancellationToken ct)
    {
        // A computed statistic scans the store: fewer of them, or a big store takes minutes.
        var computed = Math.Max(5, requests / 10);
        var rows = new List<Row>
        {
            await TimeAsync(http, "GET /api/events (first page)", requests, _ => "/api/events", null, ct),
            await TimeAsync(http, "GET /api/events (camera, kind, from, to)", requests,
                i => $"/api/events?camera={SyntheticEvents.Camera(i)}&kind=wrong_way&from=2025-03-01&to=2025-09-01", null, ct),
            await TimeAsync(http, "GET /api/stats (computed)", computed,
                i => "/api/stats?from=" + Uri.EscapeDataString(SyntheticEvents.Start.AddSeconds(i + 1).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)), null, ct),
            await TimeAsync(http, "GET /api/stats (cached)", requests, _ => "/api/stats", null, ct),
        };
        using (var first = await http.GetAsync("/api/stats", ct))
        {
            var etag = first.Headers.ETag?.Tag ?? throw new InvalidOperationException("GET /api/stats sent no ETag");
            rows.Add(await TimeAsync(http, "GET /api/stats (If-None-Match: 304)", requests, _ => "/api/stats", etag, ct));
        }
        using (var page = await http.GetAsync("/stats.html", ct))
        {
            if (page.IsSuccessStatusCode) rows.Add(await TimeAsync(http, "GET /stats.html", requests, _ => "/stats.html", null, ct));
        }
        return rows;
    }

    private static async Task<Row> TimeAsync(HttpClient http, string name, int count, Func<int, string> url, string? etag, CancellationToken ct)
    {
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url(i));
            if (etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            samples[i] = watch.Elapsed.TotalMilliseconds;
            var expected = etag is null ? HttpStatusCode.OK : HttpStatusCode.NotModified;
            if (response.StatusCode != expected) throw new InvalidOperationException($"{name}: {url(i)} answered {(int)response.StatusCode}, not {(int)expected}");
        }
        Array.Sort(samples);
        return new Row(name, count, Percentile(samples, 0.50), Percentile(samples, 0.95), samples[^1]);
    }

    /// <summary>Nearest rank.</summary>
    private static double Percentile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
