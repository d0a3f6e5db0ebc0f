namespace Veil.Server.Tests.Detection;

/// <summary>Leak limits on a moving-object clip: % of object-frames leaked per kind, and the longest run of leaked frames of one object.</summary>
public sealed record LeakBudget(double PlatePercent, double FacePercent, int PlateRun, int FaceRun);
