namespace Veil.TestSupport.MovingObjects;

/// <summary>One object of a clip: what is pasted (a dev-set label) and where it goes. The id is also its paste order: higher ids are drawn over lower ones.</summary>
public sealed record PlannedObject(int Id, ObjectKind Kind, LabelRow Source, ObjectEntry Entry, ObjectPath Path);
