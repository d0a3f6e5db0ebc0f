namespace Veil.TestSupport.MovingObjects;

/// <summary>What a moving object is; written in ground truth as score.py's class names.</summary>
public enum ObjectKind
{
    Face,
    Plate,
}
