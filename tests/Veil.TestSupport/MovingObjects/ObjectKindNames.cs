namespace Veil.TestSupport.MovingObjects;

/// <summary>Object kinds as ground truth and reports spell them (score.py's class names).</summary>
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
