using System.CommandLine;
using System.Text.Json;
using Veil.Fuzz.Runner;
using Veil.Fuzz.Targets;

// Veil.Fuzz: mutated inputs from the seed corpora through each parser, each parser in a fresh process.
var inputs = new Option<long>("--inputs") { Description = "Inputs per parser (the seeds first, then mutations of them).", DefaultValueFactory = _ => 1_000_000 };
inputs.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1) r.AddError("--inputs must be at least 1"); });
var parsers = new Option<string[]>("--parser")
{
    Description = $"A parser to fuzz (repeatable; default all): {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}.",
    AllowMultipleArgumentsPerToken = true,
};
parsers.Validators.Add(r =>
{
    foreach (var name in r.GetValueOrDefault<string[]>() ?? [])
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
    long n = parse.GetValue(inputs);
    int s = parse.GetValue(seed);
    if (parse.GetValue(child) is { } name) return ChildRun.Run(FuzzTargets.Find(name)!, n, s);
    var names = parse.GetValue(parsers) is { Length: > 0 } chosen ? chosen : FuzzTargets.All.Select(t => t.Name).ToArray();
    var results = new List<FuzzResult>();
    foreach (var parser in names)
    {
        Console.Error.WriteLine($"fuzz: {FuzzTargets.Find(parser)!.Name}: {n:N0} inputs, seed {s} ...");
        var result = await ChildRuns.RunAsync(FuzzTargets.Find(parser)!.Name, n, s, ct);
        Console.Error.WriteLine($"fuzz: {result.Parser}: {result.Crashes} crashes, {result.Hangs} hangs in {result.Seconds:0.0} s");
        results.Add(result);
    }
    if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
    else FuzzTable.Print(results, Console.Out);
    long bad = results.Sum(r => r.Crashes + r.Hangs);
    if (bad > 0) Console.Error.WriteLine($"fuzz: {bad} input(s) crashed or hung a parser; they are kept under out/fuzz/");
    return bad > 0 ? 1 : 0;
});
return await root.Parse(args).InvokeAsync();
