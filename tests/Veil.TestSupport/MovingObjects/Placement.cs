using OpenCvSharp;

namespace Veil.TestSupport.MovingObjects;

/// <summary>Where a patch lands in one frame, in clip pixels, before cutting to the frame: the whole patch and the object inside it.</summary>
public readonly record struct Placement(Rect Patch, Rect Object);
