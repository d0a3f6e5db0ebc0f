using System.Drawing;
using Veil.Violations.Events;
using Veil.Violations.Rules;
using Veil.Violations.Tracks;

namespace Veil.Violations.Tests.Support;

/// <summary>
/// Synthetic tracks at 10 frames per second: each actor's box is a function of seconds since the
/// start, null while the actor is not tracked.
/// </summary>
internal sealed class Scene
{
    public static readonly DateTimeOffset Start = new(2025, 6, 2, 8, 30, 0, TimeSpan.Zero);
    private const int FrameMilliseconds = 100;

    private readonly List<(long Id, TrackClass Class, Func<double, RectangleF?> Box, float Score)> _actors = [];

    /// <summary>The time of the frame at <paramref name="seconds"/> after the start (a multiple of 0.1).</summary>
    public static DateTimeOffset At(double seconds) => Start + TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));

    public Scene Add(long id, TrackClass trackClass, Func<double, RectangleF?> box, float score = 0.9f)
    {
        _actors.Add((id, trackClass, box, score));
        return this;
    }

    /// <summary>Feeds frames from 0 to <paramref name="seconds"/> inclusive and collects the engine's events.</summary>
    public List<ViolationEvent> Run(RuleEngine engine, double seconds)
    {
        var events = new List<ViolationEvent>();
        int frames = (int)Math.Round(seconds * 1000 / FrameMilliseconds);
        for (int i = 0; i <= frames; i++)
        {
            double s = i * FrameMilliseconds / 1000.0;
            var time = Start + TimeSpan.FromMilliseconds(i * FrameMilliseconds);
            var observations = new List<TrackObservation>();
            foreach (var actor in _actors)
                if (actor.Box(s) is { } box) observations.Add(new TrackObservation(actor.Id, actor.Class, box, time, actor.Score));
            events.AddRange(engine.Observe(time, observations));
        }
        return events;
    }
}
