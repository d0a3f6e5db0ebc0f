namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Measures what an anonymizer left readable, from the pixels of its output rather than from the boxes it
/// says it redacted: both clips are decoded side by side (luma), and every ground-truth object-frame is
/// judged by <see cref="ObjectFrameJudge"/>. The output must have the input's size and frame count.
/// </summary>
public static class PixelLeakMeter
{
    public static LeakReport Measure(string inputClip, string outputClip, IReadOnlyList<TruthBox> truth, int width, int height)
    {
        var byFrame = truth.GroupBy(b => b.Frame).ToDictionary(g => g.Key, g => g.ToList());
        int lastFrame = truth.Count == 0 ? -1 : truth.Max(b => b.Frame);
        var verdicts = new List<ObjectFrameVerdict>(truth.Count);
        using var input = new RawVideoReader(inputClip, width, height, gray: true);
        using var output = new RawVideoReader(outputClip, width, height, gray: true);
        using var inFrame = input.NewFrame();
        using var outFrame = output.NewFrame();
        for (int f = 0; ; f++)
        {
            bool hasIn = input.TryRead(inFrame), hasOut = output.TryRead(outFrame);
            if (hasIn != hasOut)
                throw new InvalidOperationException($"{outputClip} has {(hasIn ? "fewer" : "more")} frames than {inputClip} (they part at frame {f})");
            if (!hasIn)
            {
                if (f <= lastFrame) throw new InvalidOperationException($"the clips end at frame {f}, the ground truth goes on to {lastFrame}");
                break;
            }
            if (!byFrame.TryGetValue(f, out var boxes)) continue;
            foreach (var box in boxes) verdicts.Add(ObjectFrameJudge.Judge(inFrame, outFrame, box));
        }
        return new LeakReport(verdicts);
    }
}
