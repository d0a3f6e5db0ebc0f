using Veil.Violations.Tracks;

namespace Veil.Violations.Rules;

/// <summary>
/// A helmet model, run by the server on the head crops of riders (the rules never see pixels).
/// Implemented only when the model manifest has one; without it the no-helmet rule reports
/// itself unavailable instead of guessing.
/// </summary>
public interface IHelmetClassifier
{
    /// <summary>The latest verdict for this person's head, or null while the model has not seen it well enough.</summary>
    HelmetReading? Read(TrackHistory person);
}
