namespace Veil.TestSupport.MovingObjects;

/// <summary>What a moving object is; written in ground truth as score.py's class names.</summary>
public enum ObjectKind
{
    Face,
    Plate,
}

public static class ObjectKindNames
{
    public static string Name(this ObjectKind kind) => kind == ObjectKind.Face ? "face" : "plate";

    public static ObjectKind Parse(string name) => name switch
    {
        "face" => ObjectKind.Face,
        "plate" => ObjectKind.Plate,
        _ => throw new FormatException($"unknown object kind '{name}'"),
    };
}
