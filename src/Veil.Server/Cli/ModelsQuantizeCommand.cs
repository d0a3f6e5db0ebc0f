using System.CommandLine;
using System.Security.Cryptography;
using Veil.Server.OutputFiles;
using Veil.Vision.Models;
using Veil.Vision.Quantization;

namespace Veil.Server.Cli;

/// <summary>
/// `veil models quantize`: derives each model's int8 file from its float file and its calibration
/// (models/calibration/NAME.json), both sha256-checked against models.json, into the cache.
/// </summary>
internal static class ModelsQuantizeCommand
{
    public static Command Create()
    {
        var names = new Argument<string[]>("NAME") { Description = "Models to quantize (default: every model with an int8 entry).", Arity = ArgumentArity.ZeroOrMore };
        var force = new Option<bool>("--force") { Description = "Derive again even when a verified int8 file is present." };
        var printPins = new Option<bool>("--print-pins") { Description = "Derive without checking the pins and print the sha256s and size to pin in models.json (after a new calibration)." };
        var pin = new Option<bool>("--pin") { Description = "As --print-pins, write them into models.json (the model's default precision is kept), and derive the newly pinned file into the cache." };
        var calibration = new Option<FileInfo?>("--calibration") { Description = "With --output: quantize one model with this calibration file instead (no pins checked; for experiments)." };
        var output = new Option<FileInfo?>("--output") { Description = "With --calibration: where to write the int8 file." };
        var cache = ModelsCommand.CacheOption();
        var manifestPath = ModelsCommand.ManifestOption();
        var command = new Command("quantize", "Derive int8 (QDQ) models from the float models and their calibration files; the result is checked against the sha256 pinned in models.json.");
        command.Arguments.Add(names);
        foreach (var o in new Option[] { force, printPins, pin, calibration, output, cache, manifestPath }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            try
            {
                var manifest = ModelsCommand.LoadManifest(parse.GetValue(manifestPath));
                var store = ModelStore.For(manifest, parse.GetValue(cache));
                var wanted = parse.GetValue(names) is { Length: > 0 } n ? n.Select(manifest.Get).Distinct().ToArray() : manifest.Models.Where(m => m.Int8 is not null).ToArray();
                if (parse.GetValue(calibration) is { } file)
                {
                    var target = parse.GetValue(output) ?? throw new ArgumentException("--calibration needs --output FILE");
                    if (wanted.Length != 1) throw new ArgumentException("--calibration quantizes one model: name it");
                    string floatModel = store.Require(wanted[0]);
                    using var staged = StagedOutputs.Create([floatModel, file.FullName], [target.FullName]); // never over its inputs, never half-written
                    var bytes = ModelQuantizer.Quantize(File.ReadAllBytes(floatModel), CalibrationFile.Parse(File.ReadAllBytes(file.FullName), file.FullName));
                    File.WriteAllBytes(staged.PathFor(target.FullName), bytes);
                    staged.Commit();
                    Console.WriteLine($"{wanted[0].Name}: {target.FullName} ({bytes.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(bytes))})");
                    return 0;
                }
                foreach (var spec in wanted)
                {
                    if (spec.Int8 is null) throw new ModelException($"model \"{spec.Name}\" has no int8 entry in {manifest.Path}: run veil models calibrate {spec.Name} --pin", spec.Name);
                    if (parse.GetValue(printPins) || parse.GetValue(pin))
                    {
                        var pins = Int8Pins.Compute(store, spec, spec.Int8.Calibration, spec.Int8.Default);
                        Console.WriteLine(Int8Pins.Describe(spec.Name, pins));
                        if (parse.GetValue(pin)) Console.WriteLine(Int8Pins.PinAndDerive(manifest.Path, parse.GetValue(cache), spec.Name, pins));
                    }
                    else Console.WriteLine(store.DeriveInt8(spec, parse.GetValue(force)).Describe());
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
