namespace Veil.Vision.Eval;

/// <summary>
/// Self-consistency of redaction over time: of the frames in each object's life (first to last
/// detection, any score), the share where less than 70 % of its box was redacted.
/// </summary>
public sealed record FlickerResult(string Config, int Tracks, long LifeFrames, long UnredactedFrames)
{
    public double Flicker => LifeFrames > 0 ? (double)UnredactedFrames / LifeFrames : 0;
}
