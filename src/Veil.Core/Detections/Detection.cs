namespace Veil.Core.Detections;

/// <summary>One object found in one frame: a small immutable record that travels apart from pixels.</summary>
public readonly record struct Detection(BoxF Box, ObjectClass Class, float Score);
