namespace Veil.Vision.Eval;

/// <summary>One redaction box as score.py reads it.</summary>
public sealed record RedactedBox(double X, double Y, double W, double H, string Class, double Score);

/// <summary>The boxes redacted in one image (a line of score.py's DETECTIONS.jsonl).</summary>
public sealed record RedactedImage(string Image, int Width, int Height, IReadOnlyList<RedactedBox> Boxes);
