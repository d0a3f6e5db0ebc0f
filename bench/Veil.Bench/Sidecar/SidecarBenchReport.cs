using System.Text.Json;
using Spectre.Console;

namespace Veil.Bench.Sidecar;

/// <summary>The figures of one `veil bench sidecar`, per engine: a table for people, JSON for machines.</summary>
internal sealed record SidecarBenchReport(int Events, int Rows, int Clients, IReadOnlyList<SidecarBenchReport.Engine> Engines)
{
    public sealed record Engine(string Name, double IngestSeconds, int Snapshots, long FilledRows, double FillSeconds, IReadOnlyList<SidecarLatency.Row> Latencies);

    public string ToJson() => JsonSerializer.Serialize(new
    {
        events = Events,
        rows = Rows,
        clients = Clients,
        engines = Engines.Select(e => new
        {
            engine = e.Name,
            ingest = new { events = Events, clients = Clients, snapshots = e.Snapshots, seconds = Math.Round(e.IngestSeconds, 3), events_per_s = Math.Round(Events / e.IngestSeconds, 1) },
            fill = new { rows = e.FilledRows, seconds = Math.Round(e.FillSeconds, 3), rows_per_s = e.FillSeconds > 0 ? Math.Round(e.FilledRows / e.FillSeconds) : 0 },
            store_rows = Math.Max(Events, Rows),
            latency_ms = e.Latencies.Select(l => new { name = l.Name, requests = l.Requests, p50 = Math.Round(l.P50Ms, 2), p95 = Math.Round(l.P95Ms, 2), max = Math.Round(l.MaxMs, 2) }),
        }),
    }, new JsonSerializerOptions { WriteIndented = true });

    public void PrintTable()
    {
        AnsiConsole.MarkupLine($"[bold]veil bench sidecar[/]: {Events} events ingested over HTTP by {Clients} clients, then a store of {Math.Max(Events, Rows)} rows");
        var table = new Table().AddColumns("engine", "measured", "n", "result", "p50 ms", "p95 ms", "max ms");
        foreach (var e in Engines)
        {
            table.AddRow(e.Name, "ingest (POST /api/events, 1 in 100 with a snapshot)", Events.ToString(), $"{Events / e.IngestSeconds:0} events/s", "-", "-", "-");
            table.AddRow(e.Name, "bulk fill (direct SQL)", e.FilledRows.ToString(), e.FillSeconds > 0 ? $"{e.FilledRows / e.FillSeconds:0} rows/s" : "-", "-", "-", "-");
            foreach (var l in e.Latencies)
                table.AddRow(e.Name, Markup.Escape(l.Name), l.Requests.ToString(), "", $"{l.P50Ms:0.0}", $"{l.P95Ms:0.0}", $"{l.MaxMs:0.0}");
        }
        AnsiConsole.Write(table);
    }
}
