using System.CommandLine;
using Veil.Bench.Sidecar;

namespace Veil.Server.Cli;

/// <summary>`veil bench sidecar`: ingest rate and endpoint latencies of the events sidecar on SQLite, and PostgreSQL with --postgres.</summary>
internal static class SidecarBenchCommand
{
    public static Command Create()
    {
        var events = new Option<int>("--events") { Description = "Events posted through the HTTP ingest endpoint.", DefaultValueFactory = _ => 100_000 };
        var rows = new Option<int>("--rows") { Description = "Rows in the store (filled directly after the ingest) when the endpoints are timed.", DefaultValueFactory = _ => 1_000_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent ingest clients.", DefaultValueFactory = _ => 8 };
        var requests = new Option<int>("--requests") { Description = "Requests timed per endpoint (a tenth of them for freshly computed statistics).", DefaultValueFactory = _ => 200 };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Also bench PostgreSQL: alone, a throwaway cluster from Debian's postgresql; with an Npgsql CONNECTION STRING, that (empty) database.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON for machines." };
        var command = new Command("sidecar", "Measure the events sidecar: events/s ingested over HTTP, and p50/p95 latency of the list and statistics endpoints on a big store.");
        foreach (var option in new Option[] { events, rows, clients, requests, postgres, json }) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                int n = parse.GetValue(events), m = parse.GetValue(rows), k = parse.GetValue(clients), r = parse.GetValue(requests);
                if (n < 1 || m < 0 || k < 1 || r < 1) throw new ArgumentException("--events, --clients and --requests must be at least 1, --rows at least 0");
                // --postgres alone parses as an empty value: start a cluster; absent: SQLite only.
                var postgresValue = parse.GetResult(postgres) is null ? null : parse.GetValue(postgres) ?? "";
                if (!parse.GetValue(json))
                {
                    (await new SidecarBench(n, m, k, r, postgresValue).RunAsync(Console.Error, ct)).PrintTable();
                    return 0;
                }
                // The in-process sidecar logs to standard output: send that to standard error, so the JSON stands alone.
                var stdout = Console.Out;
                Console.SetOut(Console.Error);
                try
                {
                    var report = await new SidecarBench(n, m, k, r, postgresValue).RunAsync(null, ct);
                    stdout.WriteLine(report.ToJson());
                }
                finally
                {
                    Console.SetOut(stdout);
                }
                return 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }
}
