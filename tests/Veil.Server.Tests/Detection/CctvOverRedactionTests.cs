using System.Globalization;
using Veil.TestSupport;
using Veil.TestSupport.MovingObjects;
using Xunit.Abstractions;

namespace Veil.Server.Tests.Detection;

/// <summary>
/// Over-redaction on a real CCTV clip (../shared's traffic camera: a burned-in clock and caption, parked
/// cars, plates passing), from the pixels of the output: what share of the picture the default cadence
/// changes, beside every-frame whole passes. Before tracks were held still where nothing changed, a
/// line of text's box was grown by its width, and carried plate boxes were held 400 ms where they had
/// been: the default cadence changed 35.1 % of the picture on average (every-frame 15.4 %), grey bands
/// a third of the frame high under the caption and over the clock.
/// </summary>
[Collection(ModelsCollection.Name)]
public sealed class CctvOverRedactionTests(ModelsFixture models, ITestOutputHelper log)
{
    private const string Clip = "pran786_Yolo-licenseplate/license_plate.mp4";

    /// <summary>
    /// Measured on an AMD EPYC: 26.0 % (every-frame 20.0 %, which reads the text change regions too)
    /// with a file's 400 ms look-ahead; 25.9 % (16.0 %) before both; 24.0 % on a VNNI machine. The
    /// budget leaves room for a run's noise, not for the 35 % this replaced.
    /// </summary>
    private const double LiveBudgetPercent = 28;

    [Fact]
    public async Task The_default_cadence_hides_little_more_of_a_cctv_picture_than_whole_passes_on_every_frame()
    {
        string input = SharedData.Video(Clip);
        Assert.True(File.Exists(input), $"missing {input}: ../shared/data/videos is part of the test set");
        string dir = SharedData.OutDirectory("cctv-over-redaction");
        var live = await RunAsync(input, Path.Combine(dir, "live.mp4"));
        var every = await RunAsync(input, Path.Combine(dir, "every-frame.mp4"), "--cadence", "every-frame");
        log.WriteLine($"live: {live}");
        log.WriteLine($"every-frame: {every}");
        await LeakStills.WriteAsync(input, Path.Combine(dir, "live.mp4"), 25, [], Path.Combine(dir, "live-frame025.png"));

        Assert.True(live.MeanPercent <= LiveBudgetPercent,
            string.Create(CultureInfo.InvariantCulture, $"the default cadence changed {live.MeanPercent:0.0} % of the picture on average, the budget is {LiveBudgetPercent} % (every-frame: {every.MeanPercent:0.0} %)"));
        Assert.True(every.MeanPercent > 5, "every-frame changed almost nothing: the clip's plates and text were not redacted");
    }

    private async Task<RedactedShare> RunAsync(string input, string output, params string[] extra)
    {
        File.Delete(output);
        var run = await models.RunVeilAsync(TimeSpan.FromMinutes(5), ["anonymize", input, "-o", output, "--detector-timeout-ms", "60000", "--quiet", .. extra]);
        Assert.True(run.Succeeded, run.StdErr);
        return RedactedShareMeter.Measure(input, output, 1280, 720);
    }
}
