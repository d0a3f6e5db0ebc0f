using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Veil.Sidecar.Tests.Fixtures;
using Veil.Sidecar.Web;

namespace Veil.Sidecar.Tests.Web;

/// <summary>How the pages are served: headers, no external references, nothing outside the web root, the tile setting.</summary>
public sealed partial class WebServingTests : IAsyncLifetime
{
    private static readonly string[] Pages = ["/", "/stats.html", "/events.html", "/review.html"];

    /// <summary>
    /// URLs the vendored libraries contain that the browser never fetches: licence and bug links in
    /// comments, the SVG namespace, Leaflet's own attribution link (the map replaces that prefix).
    /// </summary>
    private static readonly string[] InertLibraryUrls =
    [
        "https://www.chartjs.org", "https://github.com/kurkle/color#readme", "http://www.w3.org/2000/svg", "https://leafletjs.com",
        "https://bugs.chromium.org/p/chromium/issues/detail?id=600120", "https://bugzilla.mozilla.org/show_bug.cgi?id=888319",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("veil-sidecar-web-").FullName;
    private TestSidecar _sidecar = null!;

    public async Task InitializeAsync() =>
        _sidecar = await TestSidecar.StartAsync("sqlite:" + Path.Combine(_directory, "sidecar.db"), Path.Combine(_directory, "media"));

    public async Task DisposeAsync()
    {
        if (_sidecar is not null) await _sidecar.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Pages_and_assets_carry_the_content_security_policy()
    {
        foreach (var path in Pages.Concat(["/app/map.js", "/app/site.css", "/vendor/leaflet/leaflet.js"]))
        {
            using var response = await _sidecar.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode}");
            Assert.Equal("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
                response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
        using var page = await _sidecar.Http.GetAsync("/");
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType!.ToString());
        using var script = await _sidecar.Http.GetAsync("/app/map.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task No_page_references_anything_outside_the_sidecar()
    {
        var assets = new HashSet<string>();
        foreach (var path in Pages)
        {
            var html = await _sidecar.Http.GetStringAsync(path);
            AssertNoUrls(path, html);
            foreach (Match m in AssetReference().Matches(html)) assets.Add(m.Groups[1].Value);
        }
        Assert.Contains("/vendor/chart.js/chart.umd.js", assets);
        foreach (var module in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "wwwroot", "app")))
            assets.Add("/app/" + Path.GetFileName(module));
        foreach (var asset in assets)
        {
            Assert.StartsWith("/", asset);
            var text = await _sidecar.Http.GetStringAsync(asset);
            if (asset.StartsWith("/vendor/", StringComparison.Ordinal))
                Assert.All(UrlPattern().Matches(text), m => Assert.Contains(m.Value.TrimEnd('/'), InertLibraryUrls));
            else
                AssertNoUrls(asset, text);
        }
    }

    [Theory]
    [InlineData("/vendor/..%2fVeil.Sidecar.dll")]
    [InlineData("/vendor/..%2f..%2fwwwroot%2f..%2fVeil.Sidecar.dll")]
    [InlineData("/vendor/%2e%2e%2f%2e%2e%2fVeil.Sidecar.dll")]
    [InlineData("/vendor/..%5cVeil.Sidecar.dll")]
    [InlineData("/app/..%2f..%2fVeil.Sidecar.dll")]
    [InlineData("/app/%2fetc%2fpasswd")]
    [InlineData("/vendor//etc/passwd")]
    [InlineData("/vendor/leaflet/")]
    [InlineData("/vendor/vendor.lock")]
    [InlineData("/..%2fVeil.Sidecar.html")]
    [InlineData("/index.html%00.png")]
    [InlineData("/app/map.js'%20OR%201=1--")]
    public async Task Paths_outside_the_web_root_are_refused_cleanly(string path)
    {
        using var response = await _sidecar.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is 400 or 404, $"GET {path}: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
        // Kestrel itself refuses a NUL in the path, with an empty 400; everything else is the sidecar's JSON error.
        if (body.Length > 0) Assert.NotNull((string?)JsonNode.Parse(body)!["error"]);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_geojson_endpoint_is_public_only_and_checks_its_parameters()
    {
        foreach (var id in new[] { "gj-pending", "gj-approved" })
        {
            using var posted = await _sidecar.PostEventAsync(Samples.Event(id, lat: 52.5, lon: 13.5));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        using (var approved = await _sidecar.AdminAsync(HttpMethod.Post, "/api/events/gj-approved/approve")) approved.EnsureSuccessStatusCode();

        var collection = await _sidecar.GetJsonAsync("/api/events.geojson", admin: true);
        Assert.Equal("FeatureCollection", (string)collection["type"]!);
        var feature = collection["features"]!.AsArray().Single()!;
        Assert.Equal("gj-approved", (string)feature["id"]!);
        Assert.Equal([13.5, 52.5], feature["geometry"]!["coordinates"]!.AsArray().Select(n => (double)n!));
        Assert.False((bool)collection["truncated"]!);

        foreach (var query in new[] { "kind=x'%20OR%20'1'='1", "camera=%00", "from=yesterday", "bbox=1,2,3", "place=" + new string('a', 300) })
        {
            using var response = await _sidecar.Http.GetAsync("/api/events.geojson?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_configured_tile_server_is_allowed_by_the_policy_and_given_to_the_map()
    {
        var settings = new SidecarSettings("http://127.0.0.1:0", "sqlite:" + Path.Combine(_directory, "tiles.db"), Path.Combine(_directory, "tiles-media"),
            TestSidecar.IngestToken, TestSidecar.AdminToken)
        { TileUrl = "https://{s}.tiles.example.org/{z}/{x}/{y}.png", TileAttribution = "© Example <b>Tiles</b>" };
        await using var sidecar = await SidecarHost.StartAsync(settings, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = sidecar.Url };
        using var page = await http.GetAsync("/");
        Assert.Contains("img-src 'self' data: blob: https://*.tiles.example.org;", page.Headers.GetValues("Content-Security-Policy").Single());
        var config = JsonNode.Parse(await http.GetStringAsync("/api/web-config"))!;
        Assert.Equal((settings.TileUrl, settings.TileAttribution), ((string)config["tile_url"]!, (string)config["tile_attribution"]!));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org")]
    [InlineData("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080")]
    public void Tile_urls_become_policy_sources(string url, string? source)
    {
        Assert.Null(TileLayer.Problem(url));
        Assert.Equal(source, TileLayer.Source(url));
    }

    [Theory]
    [InlineData("tile.openstreetmap.org/{z}/{x}/{y}.png")]
    [InlineData("https://tile.openstreetmap.org/tiles.png")]
    [InlineData("javascript:alert(1)//{z}{x}{y}")]
    [InlineData("https://evil.example/{z}/{x}/{y}.png; script-src *")]
    [InlineData("ftp://tiles.example/{z}/{x}/{y}.png")]
    public void Bad_tile_urls_stop_the_sidecar_at_start(string url)
    {
        var settings = new SidecarSettings("http://127.0.0.1:0", "sqlite:x.db", "media", TestSidecar.IngestToken, TestSidecar.AdminToken) { TileUrl = url };
        Assert.Contains("TileUrl", Assert.Throws<ArgumentException>(settings.Validate).Message);
    }

    private static void AssertNoUrls(string path, string text)
    {
        var found = UrlPattern().Matches(text).Select(m => m.Value).ToList();
        Assert.True(found.Count == 0, $"{path} references {string.Join(", ", found)}");
    }

    [GeneratedRegex(@"https?://[^\s""'`)<>]*", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"(?:src|href)=""(/[^""]*)""")]
    private static partial Regex AssetReference();
}
