namespace Veil.Vision.Pipeline;

/// <summary>The detector did not answer in time: the frame is obscured, never sent raw.</summary>
public sealed class DetectorStalledException(string message) : Exception(message);
