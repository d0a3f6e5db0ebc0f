namespace Veil.Sidecar;

/// <summary>
/// What `veil sidecar` runs with. <see cref="Url"/>: where Kestrel listens (http://127.0.0.1:5080;
/// port 0 picks a free one). <see cref="Database"/>: "sqlite:PATH" or "postgres:CONNECTION STRING".
/// The two tokens must differ: the stream server holds the ingest one, reviewers the admin one.
/// </summary>
public sealed record SidecarSettings(string Url, string Database, string MediaDirectory, string IngestToken, string AdminToken)
{
    /// <summary>Map tiles of the public map (see <see cref="Web.TileLayer"/>); "" draws a plain grid, for offline sites.</summary>
    public string TileUrl { get; init; } = "";

    /// <summary>The credit the tile server asks for, shown on the map as text.</summary>
    public string TileAttribution { get; init; } = "";

    /// <summary>Throws with every problem found, so a misconfigured sidecar stops at start, not at its first request.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/")
            problems.Add($"Url '{Url}' must be http://HOST:PORT (TLS belongs to the reverse proxy in front)");
        if (!Database.StartsWith("sqlite:", StringComparison.Ordinal) && !Database.StartsWith("postgres:", StringComparison.Ordinal))
            problems.Add("Database must be sqlite:PATH or postgres:CONNECTION STRING");
        if (string.IsNullOrWhiteSpace(MediaDirectory)) problems.Add("MediaDirectory is empty");
        if (!IsToken(IngestToken)) problems.Add("IngestToken must be at least 16 characters without blanks");
        if (!IsToken(AdminToken)) problems.Add("AdminToken must be at least 16 characters without blanks");
        if (IngestToken == AdminToken) problems.Add("IngestToken and AdminToken must differ: whoever posts events must not be able to approve them");
        if (Web.TileLayer.Problem(TileUrl) is { } tileProblem) problems.Add(tileProblem);
        if (problems.Count > 0) throw new ArgumentException("sidecar settings: " + string.Join("; ", problems));
    }

    private static bool IsToken(string token) => token.Length >= 16 && !token.Any(char.IsWhiteSpace);
}
