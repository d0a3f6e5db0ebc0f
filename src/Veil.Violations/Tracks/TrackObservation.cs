using System.Drawing;

namespace Veil.Violations.Tracks;

/// <summary>
/// One tracked object in one frame, as the tracker reports it: the rules' only input, kept
/// apart from the vision code's types so rules can be tested and replayed without it.
/// </summary>
/// <param name="TrackId">Stable for the object's life, never reused within a stream.</param>
/// <param name="Box">Pixels of the full-resolution frame.</param>
/// <param name="Time">The frame's time, in wall-clock terms, so events carry real times.</param>
/// <param name="Score">The detector's confidence of the latest matched detection, 0 to 1.</param>
public sealed record TrackObservation(long TrackId, TrackClass Class, RectangleF Box, DateTimeOffset Time, float Score);
