using BenchmarkDotNet.Attributes;
using Veil.Core.Detections;
using Veil.Vision.Tracking;

namespace Veil.Benchmarks;

/// <summary>
/// One frame of <see cref="ByteTracker"/> with N objects moving on circles (a period of 300 frames,
/// so the scene loops without a seam and time keeps going forward). One detection in ten is missed
/// and one in ten scores low, boxes jitter by 2 px: the association runs all of its stages.
/// Steady state births nothing, so allocated bytes should read zero.
/// </summary>
[MemoryDiagnoser]
public class TrackerBenchmarks
{
    private const int Period = 300;
    private const double Fps = 30;
    private Detection[][] _frames = [];
    private ByteTracker _tracker = null!;
    private int _frame;

    [Params(20, 100)]
    public int Objects { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var objects = new (float Cx, float Cy, float R, float Phase, float Size)[Objects];
        for (int i = 0; i < Objects; i++)
            objects[i] = (100 + random.Next(1080), 100 + random.Next(520), 40 + random.Next(80), (float)(random.NextDouble() * 2 * Math.PI), 24 + random.Next(60));
        _frames = new Detection[Period][];
        var list = new List<Detection>();
        for (int f = 0; f < Period; f++)
        {
            list.Clear();
            double angle = 2 * Math.PI * f / Period;
            foreach (var (cx, cy, r, phase, size) in objects)
            {
                double roll = random.NextDouble();
                if (roll < 0.1) continue;
                float x = (float)(cx + r * Math.Cos(angle + phase)) - size / 2, y = (float)(cy + r * Math.Sin(angle + phase)) - size / 2;
                var box = new BoxF(x + J(random), y + J(random), size + J(random), size + J(random));
                list.Add(new Detection(box, ObjectClass.Face, roll < 0.2 ? 0.3f : 0.9f));
            }
            _frames[f] = [.. list];
        }
        _tracker = new ByteTracker();
        for (int f = 0; f < 2 * Period; f++) Step(); // all tracks born and confirmed
    }

    /// <summary>A frame the detector ran on: predict, associate, expire.</summary>
    [Benchmark(Baseline = true)]
    public int Update() => Step().Count;

    /// <summary>What the redact stage does per frame: the update, then every redaction box.</summary>
    [Benchmark]
    public float UpdateAndRedact()
    {
        var time = Time(_frame);
        Step();
        return Redact(time);
    }

    /// <summary>Detection on one frame in three, the others carried; per frame.</summary>
    [Benchmark(OperationsPerInvoke = 3)]
    public float DetectEveryThirdFrame()
    {
        var time = Time(_frame);
        _tracker.Update(_frames[_frame % Period], time);
        float area = Redact(time);
        for (int k = 1; k <= 2; k++)
        {
            _tracker.Predict(Time(_frame + k));
            area += Redact(Time(_frame + k));
        }
        _frame += 3;
        return area;
    }

    private TrackList Step()
    {
        var tracks = _tracker.Update(_frames[_frame % Period], Time(_frame));
        _frame++;
        return tracks;
    }

    private float Redact(TimeSpan time)
    {
        float area = 0;
        foreach (var track in _tracker.ToRedact(time)) area += track.RedactionBox(time).Area;
        return area;
    }

    private static TimeSpan Time(int frame) => TimeSpan.FromSeconds(frame / Fps);

    private static float J(Random random) => (float)(random.NextDouble() * 4 - 2);
}
