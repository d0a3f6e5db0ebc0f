using Veil.Violations.Calibration;
using Veil.Violations.Events;
using Veil.Violations.Tracks;

namespace Veil.Violations.Rules;

/// <summary>
/// Runs one camera's rules on every frame and turns conditions into events: one event per
/// episode, raised when the condition has held for the rule's minimum duration (through lapses
/// shorter than <see cref="RuleEngineOptions.MaximumGap"/>), and not again for the same subject
/// until the condition has been false for <see cref="RuleEngineOptions.RearmAfter"/>.
/// Not thread-safe: one stream's rule stage owns it.
/// </summary>
public sealed class RuleEngine
{
    private readonly RuleEnvironment _environment;
    private readonly RuleEngineOptions _options;
    private readonly IViolationRule[] _available;
    private readonly TrackBook _tracks;
    private readonly Dictionary<(string Rule, string Subject), Episode> _episodes = [];

    public RuleEngine(RuleEnvironment environment, IEnumerable<IViolationRule> rules, RuleEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentException.ThrowIfNullOrWhiteSpace(environment.Camera, "environment.Camera");
        ArgumentNullException.ThrowIfNull(rules);
        _environment = environment;
        _options = options ?? new RuleEngineOptions();
        _options.Validate();
        _tracks = new TrackBook(_options.Tracks);

        var all = rules.ToArray();
        foreach (var rule in all)
        {
            if (string.IsNullOrWhiteSpace(rule.Name)) throw new ArgumentException($"Rule {rule.GetType().Name} has no name; events need a kind.", nameof(rules));
            if (rule.MinimumDuration < TimeSpan.Zero) throw new ArgumentException($"Rule '{rule.Name}' has a negative MinimumDuration.", nameof(rules));
        }
        var duplicate = all.GroupBy(r => r.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Two rules are named '{duplicate.Key}'; names are event kinds and must be unique.", nameof(rules));

        var statuses = all.Select(r => new RuleStatus(r.Name, r.UnavailableReason(environment))).ToArray();
        Statuses = statuses;
        _available = all.Where((_, i) => statuses[i].IsAvailable).ToArray();
    }

    /// <summary>Every rule given, with why it does not run where it does not.</summary>
    public IReadOnlyList<RuleStatus> Statuses { get; }

    /// <summary>Feeds one frame's tracks (frames in time order) and returns the events it completes, usually none.</summary>
    public IReadOnlyList<ViolationEvent> Observe(DateTimeOffset time, IReadOnlyList<TrackObservation> observations)
    {
        _tracks.Observe(time, observations);
        var context = new RuleContext(time, _tracks.Current, _environment);
        List<ViolationEvent>? events = null;
        foreach (var rule in _available)
        {
            foreach (var finding in rule.Evaluate(context))
            {
                var episode = Hold(rule, time, finding);
                if (episode.Raised || time - episode.Start < rule.MinimumDuration) continue;
                episode.Raised = true;
                (events ??= []).Add(ToEvent(rule, time, episode));
            }
        }
        ForgetLapsed(time);
        return events ?? (IReadOnlyList<ViolationEvent>)[];
    }

    private Episode Hold(IViolationRule rule, DateTimeOffset time, RuleFinding finding)
    {
        if (finding.SubjectTrackIds.Count == 0) throw new InvalidOperationException($"Rule '{rule.Name}' returned a finding without subject tracks.");
        var key = (rule.Name, string.Join(",", finding.SubjectTrackIds.Order()));
        if (!_episodes.TryGetValue(key, out var episode)) _episodes.Add(key, episode = new Episode(time, finding));
        episode.Hold(time, finding);
        return episode;
    }

    private void ForgetLapsed(DateTimeOffset time)
    {
        foreach (var (key, episode) in _episodes.ToArray())
        {
            TimeSpan lapse = time - episode.LastHeld;
            if (lapse > (episode.Raised ? _options.RearmAfter : _options.MaximumGap)) _episodes.Remove(key);
        }
    }

    private ViolationEvent ToEvent(IViolationRule rule, DateTimeOffset time, Episode episode)
    {
        var trackIds = episode.TrackIds.ToArray();
        var pixel = episode.Latest.Pixel;
        GeoPoint? geo = _environment.Ground is { } ground && ground.TryToGeo(pixel, out var where) ? where : null;
        return new ViolationEvent(
            EventId.Compute(_environment.Camera, rule.Name, trackIds, episode.Start),
            _environment.Camera, rule.Name, episode.Start, time - episode.Start, trackIds,
            pixel, geo, episode.MeanConfidence, episode.Latest.Details);
    }
}
