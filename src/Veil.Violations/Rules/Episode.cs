namespace Veil.Violations.Rules;

/// <summary>One subject's stretch of a rule's condition holding, from its first frame until it lapses.</summary>
internal sealed class Episode
{
    private readonly SortedSet<long> _trackIds = [];
    private double _confidenceSum;
    private int _frames;

    public Episode(DateTimeOffset start, RuleFinding first)
    {
        Start = start;
        LastHeld = start;
        Latest = first;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset LastHeld { get; private set; }

    public RuleFinding Latest { get; private set; }

    /// <summary>Whether this episode has raised its event; it raises one at most.</summary>
    public bool Raised { get; set; }

    /// <summary>Subject and related tracks seen so far, ascending.</summary>
    public IReadOnlyCollection<long> TrackIds => _trackIds;

    public float MeanConfidence => (float)(_confidenceSum / _frames);

    public void Hold(DateTimeOffset time, RuleFinding finding)
    {
        LastHeld = time;
        Latest = finding;
        _trackIds.UnionWith(finding.SubjectTrackIds);
        _trackIds.UnionWith(finding.RelatedTrackIds);
        _confidenceSum += Math.Clamp(finding.Confidence, 0, 1);
        _frames++;
    }
}
