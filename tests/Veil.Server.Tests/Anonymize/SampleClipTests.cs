using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// `veil anonymize` on every real clip in the shared set: the output must keep the frame count,
/// duration and audio of the input, as ffprobe reads them.
/// </summary>
public sealed class SampleClipTests
{
    public static TheoryData<string> Clips()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SharedData.Videos, "*.*", SearchOption.AllDirectories)
                     .Where(f => f.EndsWith(".mp4") || f.EndsWith(".avi")).Order())
            data.Add(Path.GetRelativePath(SharedData.Videos, file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Clips))]
    public async Task KeepsFramesDurationAndAudio(string clip)
    {
        string input = SharedData.Video(clip);
        string output = Path.Combine(SharedData.OutDirectory("clips"), Path.GetFileNameWithoutExtension(clip) + ".mp4");
        var run = await VeilProcess.RunAsync("anonymize", "--classes", "none", input, "-o", output, "--mask", "0.1,0.1,0.2,0.2", "--quiet");
        Assert.True(run.Succeeded, run.StdErr);

        var source = await FfTools.ProbeAsync(input);
        var result = await FfTools.ProbeAsync(output);
        Assert.Equal("h264", result.Video.CodecName);
        Assert.Equal(source.Video.Width, result.Video.Width);
        Assert.Equal(source.Video.Height, result.Video.Height);
        Assert.InRange(result.Video.NbReadFrames!.Value, source.Video.NbReadFrames!.Value - 1, source.Video.NbReadFrames.Value + 1);
        Assert.InRange(result.FormatDuration!.Value, source.FormatDuration!.Value - 0.1, source.FormatDuration.Value + 0.1);
        Assert.Equal(source.Audio is not null, result.Audio is not null);
        if (source.Audio is not null)
        {
            // Audio and video start where they started in the input: sync is kept.
            double sourceGap = source.Video.StartTime!.Value - source.Audio.StartTime!.Value;
            double resultGap = result.Video.StartTime!.Value - result.Audio!.StartTime!.Value;
            Assert.InRange(resultGap - sourceGap, -0.05, 0.05);
        }
    }
}
