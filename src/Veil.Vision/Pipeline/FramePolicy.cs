using Veil.Core.Detections;
using Veil.Vision.Redaction;

namespace Veil.Vision.Pipeline;

/// <summary>
/// What a frame is redacted for and how. The detection stage takes the current policy as each
/// frame arrives and keeps it with the frame to the end, so a running stream's policy changes
/// from one frame to the next, and never halfway through one.
/// </summary>
public sealed class FramePolicy
{
    private readonly Dictionary<ObjectClass, RedactionOptions> _styles = new();

    /// <param name="style">The style of every class without one of its own (its margins are the planner's, so ignored).</param>
    /// <param name="classStyles">Overrides <paramref name="style"/> for some classes (say, fill for plates).</param>
    public FramePolicy(IReadOnlySet<ObjectClass> classes, RedactionOptions style, IReadOnlyDictionary<ObjectClass, RedactionStyle>? classStyles = null)
    {
        Classes = classes;
        var noMargin = style with { MarginFraction = 0, MarginPixels = 0 };
        foreach (var c in Enum.GetValues<ObjectClass>())
            _styles[c] = classStyles is not null && classStyles.TryGetValue(c, out var s) ? noMargin with { Style = s } : noMargin;
        // Heads stand in for faces, and riders are people: they take their styles.
        _styles[ObjectClass.Head] = _styles[ObjectClass.Face];
        _styles[ObjectClass.Rider] = _styles[ObjectClass.Person];
    }

    public IReadOnlySet<ObjectClass> Classes { get; }

    public RedactionOptions StyleFor(ObjectClass c) => _styles[c];

    /// <summary>True when <paramref name="next"/> redacts a class this one does not: its detectors must look everywhere at once.</summary>
    public bool IsWidenedBy(FramePolicy next) => next.Classes.Any(c => !Classes.Contains(c));
}
