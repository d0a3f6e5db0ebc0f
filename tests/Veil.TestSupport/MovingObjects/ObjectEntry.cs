namespace Veil.TestSupport.MovingObjects;

/// <summary>How an object comes into the clip.</summary>
public enum ObjectEntry
{
    /// <summary>In the frame from the first frame.</summary>
    Present,

    /// <summary>Slides in through an edge in the clip's first tenth, makes one leg in the frame and heads out through an edge (gone before the end when it is fast enough).</summary>
    EdgeEarly,

    /// <summary>Slides in through an edge mid-clip.</summary>
    EdgeLate,

    /// <summary>Appears whole inside the frame mid-clip, from one frame to the next.</summary>
    PopIn,
}
