namespace Veil.Core.Detections;

/// <summary>What a detection is. Face and Plate are what anonymization must hide; the rest feed rules.</summary>
public enum ObjectClass
{
    Face,
    Plate,
    Person,
    /// <summary>A person riding a bicycle or motorcycle (or an e-scooter, which COCO sees as a person only).</summary>
    Rider,
    Head,
    Bicycle,
    Motorcycle,
    Car,
    Bus,
    Truck,
    Text,
}

public static class ObjectClassNames
{
    private static readonly string[] Names = Enum.GetValues<ObjectClass>().Select(c => c.ToString().ToLowerInvariant()).ToArray();

    /// <summary>The lower-case name; made once, as it labels every region of every frame.</summary>
    public static string Name(this ObjectClass c) => Names[(int)c];

    public static bool TryParse(string text, out ObjectClass c) => Enum.TryParse(text.Trim(), ignoreCase: true, out c);

    public static bool IsPerson(this ObjectClass c) => c is ObjectClass.Person or ObjectClass.Rider;

    public static bool IsTwoWheeler(this ObjectClass c) => c is ObjectClass.Bicycle or ObjectClass.Motorcycle;

    public static bool IsVehicle(this ObjectClass c) => c is ObjectClass.Car or ObjectClass.Bus or ObjectClass.Truck or ObjectClass.Motorcycle;
}
