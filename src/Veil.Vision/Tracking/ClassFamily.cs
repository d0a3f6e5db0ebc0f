using Veil.Core.Detections;

namespace Veil.Vision.Tracking;

/// <summary>
/// Classes a detector may flip between on the same object from frame to frame: a face turning
/// away becomes a head, a person stepping onto a scooter becomes a rider. Tracks match within a family.
/// </summary>
internal static class ClassFamily
{
    public static ObjectClass Of(ObjectClass c) => c switch
    {
        ObjectClass.Head => ObjectClass.Face,
        ObjectClass.Rider => ObjectClass.Person,
        _ => c,
    };

    public static bool Same(ObjectClass a, ObjectClass b) => Of(a) == Of(b);
}
