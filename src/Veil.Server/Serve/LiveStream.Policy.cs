using Microsoft.Extensions.Logging;
using Veil.Core.Detections;
using Veil.Server.Anonymize;
using Veil.Server.Policy;

namespace Veil.Server.Serve;

/// <summary>
/// The stream's privacy policy: the server's (Veil:Redaction and the command line) under the
/// stream's own (Veil:Streams[i]:Redaction), changed while it runs through the control API. Classes,
/// styles and what happens to failed frames apply from the next frame; the cadence, look-ahead and
/// detector deadline shape the pipeline and apply from the stream's next run.
/// </summary>
internal sealed partial class LiveStream
{
    private readonly object _policyGate = new();
    private RedactionPolicy _policy = RedactionPolicy.Defaults;
    private PolicyValues _values = null!;
    private PolicyValues? _runValues; // the values the current run started with

    /// <summary>The whole policy in force (every field set).</summary>
    public RedactionPolicy Policy
    {
        get { lock (_policyGate) return _policy; }
    }

    /// <summary>The first frame of the current run redacted under the policy now in force (null before it arrives, or between runs).</summary>
    public long? PolicyAppliedFrom => _processors?.PolicyAppliedFrom is >= 0 and var f ? f : null;

    /// <summary>The fields changed since the current run started that wait for the next one.</summary>
    public IReadOnlyList<string> PendingNextRun
    {
        get { lock (_policyGate) return _runValues is null ? [] : PipelineFields(_runValues, _values); }
    }

    private void InitPolicy()
    {
        var problems = new List<string>();
        _policy = (Spec.Redaction ?? new RedactionPolicy()).Over(_limits.Redaction).Over(RedactionPolicy.Defaults);
        _values = PolicyValues.Read(_policy, $"stream '{Spec.Name}' Redaction", problems)
            ?? throw new ArgumentException(string.Join("; ", problems));
        if (MissingModels(_values.Classes) is { } missing) throw new ArgumentException($"stream '{Spec.Name}': {missing}");
    }

    /// <summary>The run's settings under the policy in force, remembered as what this run started with.</summary>
    private AnonymizeSettings WithPolicy(AnonymizeSettings settings)
    {
        lock (_policyGate)
        {
            _runValues = _values;
            return settings with
            {
                Classes = _values.Classes,
                Redaction = settings.Redaction with { Style = _values.Style },
                ClassStyles = _values.ClassStyles,
                Detector = settings.Detector with { Cadence = _values.Cadence },
                LookAhead = _values.LookAhead,
                DetectorTimeout = _values.DetectorTimeout,
                DropFailedFrames = _values.DropFailedFrames,
            };
        }
    }

    /// <summary>
    /// Applies <paramref name="patch"/> over the policy in force, or refuses it whole with the reason
    /// (<see cref="PolicyRefusedException"/>): invalid, a loosening where the server allows none, a
    /// class whose model the server did not load. Logged with <paramref name="who"/>.
    /// </summary>
    public PolicyChange ChangePolicy(RedactionPolicy patch, string who)
    {
        lock (_policyGate)
        {
            var problems = new List<string>();
            var next = patch.Over(_policy);
            var values = PolicyValues.Read(next, "policy", problems);
            if (values is null) throw Refused(who, new PolicyRefusedException(400, "the policy change is invalid: " + string.Join("; ", problems), problems));
            if (_limits.PolicyChangeRule == PolicyChangeRule.None)
                throw Refused(who, new PolicyRefusedException(403, "this server takes no policy changes (Veil:PolicyChanges is none)"));
            var looser = PolicyLoosening.Between(_values, values);
            if (looser.Count > 0 && _limits.PolicyChangeRule == PolicyChangeRule.TightenOnly)
                throw Refused(who, new PolicyRefusedException(403, $"this server only tightens policies (Veil:PolicyChanges is tighten-only): {string.Join("; ", looser)}", looser));
            if (MissingModels(values.Classes) is { } missing) throw Refused(who, new PolicyRefusedException(409, missing));

            var before = _values;
            _policy = next;
            _values = values;
            var applied = new List<string>();
            if (_runValues is not null && _processors is { HasDetection: true } processors)
            {
                processors.ApplyPolicy(values.Classes, values.Style, values.ClassStyles, values.DropFailedFrames);
                applied.AddRange(LiveFields(before, values));
            }
            var nextRun = PipelineFields(_runValues ?? before, values).Concat(LiveFields(before, values).Except(applied)).Distinct().ToList();
            StreamLog.PolicyChanged(_log, Spec.Name, who, looser.Count > 0 ? " (looser: " + string.Join("; ", looser) + ")" : "", PolicyText.Describe(next),
                applied.Count > 0 ? string.Join(", ", applied) : "nothing", nextRun.Count > 0 ? string.Join(", ", nextRun) : "nothing");
            return new PolicyChange(applied, nextRun);
        }
    }

    private PolicyRefusedException Refused(string who, PolicyRefusedException refusal)
    {
        StreamLog.PolicyRefused(_log, Spec.Name, who, refusal.Message);
        return refusal;
    }

    /// <summary>Why the loaded models cannot redact <paramref name="classes"/>, or null when they can.</summary>
    private string? MissingModels(IReadOnlySet<ObjectClass> classes)
    {
        if (classes.Count == 0) return null;
        if (_detection is null) return "this server loaded no models (no classes in Veil:Redaction, the command line or any stream): restart it with the classes it may need";
        var loaded = _detection.Options;
        var missing = classes.Where(c => c == ObjectClass.Person ? !loaded.NeedsObjects : !loaded.Wants(c)).Select(c => c.Name()).ToList();
        return missing.Count == 0 ? null
            : $"this server did not load the models for {string.Join(", ", missing)}: add them to Veil:Redaction:Classes (or a stream's) and restart it";
    }

    private static IEnumerable<string> LiveFields(PolicyValues a, PolicyValues b)
    {
        if (!a.Classes.SetEquals(b.Classes)) yield return "classes";
        if (a.Style != b.Style) yield return "style";
        if (!a.ClassStyles.OrderBy(kv => kv.Key).SequenceEqual(b.ClassStyles.OrderBy(kv => kv.Key))) yield return "class_styles";
        if (a.DropFailedFrames != b.DropFailedFrames) yield return "on_detector_failure";
    }

    private static List<string> PipelineFields(PolicyValues a, PolicyValues b)
    {
        var fields = new List<string>();
        if (a.Cadence != b.Cadence) fields.Add("cadence");
        if (a.LookAhead != b.LookAhead) fields.Add("look_ahead_ms");
        if (a.DetectorTimeout != b.DetectorTimeout) fields.Add("detector_timeout_ms");
        return fields;
    }
}
