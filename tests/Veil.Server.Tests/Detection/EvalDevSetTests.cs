using System.Diagnostics;
using Veil.TestSupport;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// `veil eval` on the real dev sets: its summary must be exactly what score.py (the project's judge)
/// computes from the boxes veil wrote, and the privacy figures must stay within their budgets.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class EvalDevSetTests(ModelsFixture models, ITestOutputHelper log)
{
    [Theory]
    //          set           leak ≤  over-redaction ≤   (measured: faces 0.0109 / 0.1022, plates 0.0 / 0.0228)
    [InlineData("faces-dev", 0.012, 0.106)]
    [InlineData("plates-dev", 0.0, 0.03)]
    public async Task Eval_matches_score_py_and_stays_within_the_privacy_budget(string set, double maxLeak, double maxOver)
    {
        string labels = Path.Combine(SharedData.Data, set, "labels.csv");
        string boxes = Path.Combine(SharedData.OutDirectory("eval-dev"), $"{set}-boxes.jsonl");
        File.Delete(boxes);

        var clock = Stopwatch.StartNew();
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(5), "eval", labels, "--json", "--boxes-out", boxes);
        log.WriteLine($"veil eval {set}: {clock.Elapsed.TotalSeconds:0.0} s, exit {run.ExitCode}");
        Assert.False(run.TimedOut, "veil eval hung");
        Assert.True(run.Succeeded, run.StdErr);
        var veil = ScorePy.LastJsonLine(run.StdOut);
        Assert.True(File.Exists(boxes), "--boxes-out wrote nothing");

        var judge = await ScorePy.RunAsync(labels, boxes);
        log.WriteLine($"veil:     {veil.ToJsonString()}");
        log.WriteLine($"score.py: {judge.ToJsonString()}");

        Assert.Empty(ScorePy.Differences(judge, veil));
        Assert.Equal(0, (int)judge["images_without_output"]!);
        Assert.Equal(0, (int)judge["size_mismatch"]!);
        Assert.True((int)judge["objects"]! > 100, $"{set}: only {judge["objects"]} objects counted");
        double leak = (double)judge["leak_rate"]!, over = (double)judge["over_redaction_mean"]!;
        Assert.True(leak <= maxLeak, $"{set}: leak rate {leak} > {maxLeak}");
        Assert.True(over <= maxOver, $"{set}: over-redaction {over} > {maxOver}");
    }
}
