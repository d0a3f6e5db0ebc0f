using System.CommandLine;
using System.Security.Cryptography;
using Veil.Sidecar;

namespace Veil.Server.Cli;

/// <summary>`veil sidecar`: the events store and API, its own process (several stream servers can post to one).</summary>
internal static class SidecarCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Where the sidecar listens (http://HOST:PORT; loopback unless you mean otherwise).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var database = new Option<string>("--database")
        {
            Description = "sqlite:PATH (default, one server) or postgres:CONNECTION STRING (several servers and sidecars sharing one store).",
            DefaultValueFactory = _ => "sqlite:" + Path.Combine("sidecar", "events.db"),
        };
        var media = new Option<string>("--media") { Description = "Folder for the events' anonymized snapshots and clips, stored by content hash.", DefaultValueFactory = _ => Path.Combine("sidecar", "media") };
        var ingestToken = new Option<string?>("--ingest-token") { Description = "Bearer token stream servers post events with (or VEIL_SIDECAR_INGEST_TOKEN); made and printed when absent." };
        var adminToken = new Option<string?>("--admin-token") { Description = "Bearer token for review and administration (or VEIL_SIDECAR_ADMIN_TOKEN); made and printed when absent." };
        var tileUrl = new Option<string?>("--tile-url") { Description = "Map tiles for the public map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (default none: a plain grid, nothing fetched from outside)." };
        var tileAttribution = new Option<string?>("--tile-attribution") { Description = "The attribution the tile provider asks for, e.g. \"© OpenStreetMap contributors\"." };
        var command = new Command("sidecar", "Run the events sidecar: stores violation events (SQLite or PostgreSQL) with their anonymized media, serves the public map (/), statistics (/stats.html), event cards (/events.html), review (/review.html) and their API.");
        foreach (var option in new Option[] { url, database, media, ingestToken, adminToken, tileUrl, tileAttribution }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var settings = new SidecarSettings(parse.GetValue(url)!, parse.GetValue(database)!, parse.GetValue(media)!,
                    Token(parse.GetValue(ingestToken), "VEIL_SIDECAR_INGEST_TOKEN", "ingest"), Token(parse.GetValue(adminToken), "VEIL_SIDECAR_ADMIN_TOKEN", "admin"))
                {
                    TileUrl = parse.GetValue(tileUrl) ?? "",
                    TileAttribution = parse.GetValue(tileAttribution) ?? "",
                };
                settings.Validate();
                if (settings.Database.StartsWith("sqlite:", StringComparison.Ordinal) && Path.GetDirectoryName(settings.Database["sqlite:".Length..]) is { Length: > 0 } dir)
                    Directory.CreateDirectory(dir);
                await SidecarHost.RunAsync(settings, ct);
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    private static string Token(string? given, string variable, string role)
    {
        if (!string.IsNullOrEmpty(given)) return given;
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment) return fromEnvironment;
        string made = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        Console.Error.WriteLine($"veil sidecar: no {role} token given ({variable}); this run takes {made}");
        return made;
    }
}
