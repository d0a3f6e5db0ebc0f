namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// Where one object is in one frame: the face or plate itself (not the context pasted around it), in the
/// clip's pixels, cut to the frame's edges.
/// </summary>
public readonly record struct TruthBox(int Frame, int Id, ObjectKind Kind, int X, int Y, int W, int H);
