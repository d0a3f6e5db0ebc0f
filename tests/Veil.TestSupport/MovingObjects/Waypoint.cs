namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Where an object is at one frame: the centre of the face or plate box in clip pixels (may lie outside the
/// frame, for objects entering or leaving through an edge) and its size (plate width, face height).
/// </summary>
public readonly record struct Waypoint(double Frame, double X, double Y, double Size);
