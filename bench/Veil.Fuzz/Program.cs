using System.CommandLine;
using System.Text.Json;
using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;
using Veil.Server.Cli;

// Veil.Fuzz: mutated inputs from the seed corpora through each parser, each parser in a fresh process.
var inputs = new Option<int>("--inputs") { Description = "Inputs per parser (the seeds first, then mutations of them).", DefaultValueFactory = _ => 1_000_000 }.Between(1, int.MaxValue);
var parsers = new Option<string[]>("--parser")
{
    Description = $"A parser to fuzz (repeatable; default all): {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}.",
    AllowMultipleArgumentsPerToken = true,
};
parsers.Validators.Add(r =>
{
    foreach (var name in r.Tokens.Select(t => t.Value))
        if (FuzzTargets.Find(name) is null) r.AddError($"no parser named '{name}' (known: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
});
var seed = new Option<int>("--seed") { Description = "The random seed of the mutations: the same seed gives the same inputs.", DefaultValueFactory = _ => 14 };
var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
var child = new Option<string?>("--child") { Hidden = true }; // one parser in this process (see ChildRun)

var root = new RootCommand("Fuzzes Veil's ingest parsers (RTMP chunk stream, AMF0, FLV tags, gRPC frames) and the control API's JSON with mutated inputs from their seed corpora; prints inputs, crashes, hangs, refusals, speed, peak RSS and allocation per parser.");
root.Options.Add(inputs);
root.Options.Add(parsers);
root.Options.Add(seed);
root.Options.Add(json);
root.Options.Add(child);
root.SetAction(async (parse, ct) =>
{
    try
    {
        int n = parse.GetValue(inputs);
        int s = parse.GetValue(seed);
        if (parse.GetValue(child) is { } name) return ChildRun.Run(FuzzTargets.Find(name)!, n, s);
        var names = parse.GetValue(parsers) is { Length: > 0 } chosen ? chosen : FuzzTargets.All.Select(t => t.Name).ToArray();
        var results = new List<FuzzResult>();
        foreach (var parser in names.Select(p => FuzzTargets.Find(p)!.Name))
        {
            Console.Error.WriteLine($"fuzz: {parser}: {n:N0} inputs, seed {s} ...");
            var result = await ChildRuns.RunAsync(parser, n, s, ct);
            Console.Error.WriteLine($"fuzz: {parser}: {result.Crashes} crashes, {result.Hangs} hangs in {result.Seconds:0.0} s");
            results.Add(result);
        }
        if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
        else FuzzTable.Print(results, Console.Out);
        long bad = results.Sum(r => r.Crashes + r.Hangs);
        if (bad > 0) Console.Error.WriteLine($"fuzz: {bad} input(s) crashed or hung a parser; they are kept under out/fuzz/");
        return bad > 0 ? 1 : 0;
    }
    catch (OperationCanceledException) when (ct.IsCancellationRequested)
    {
        Console.Error.WriteLine("fuzz: cancelled");
        return 130;
    }
    catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"fuzz: error: {e.Message}");
        return 2;
    }
});
var parsed = root.Parse(args);
foreach (var error in parsed.Errors) Console.Error.WriteLine($"fuzz: error: {error.Message} (see --help)");
return parsed.Errors.Count > 0 ? 2 : await parsed.InvokeAsync();
