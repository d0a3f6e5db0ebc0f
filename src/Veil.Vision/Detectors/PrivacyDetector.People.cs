using Veil.Core.Detections;

namespace Veil.Vision.Detectors;

/// <summary>
/// Faces backed by people: YuNet scores a masked or half-turned face of 15-40 px at 0.2-0.45, and
/// finds it on every other frame at best, so no track starts and it shows between its finds. Where
/// the object model sees a person around it, two models agree.
/// </summary>
public sealed partial class PrivacyDetector
{
    // Where a person's face can be: its centre in the top 60 % of the box (a bust's face sits
    // lower than a standing body's), and at least a quarter of the box wide (a standing body is
    // about 2.5 heads wide; a smaller "face" on a person is a pattern on the clothes).
    private const float FaceZone = 0.6f, LeastFaceWidth = 0.25f;

    /// <summary>
    /// A face where a person's face can be is seen by two models: its score becomes the chance that
    /// either is right, 1 − (1 − face)(1 − person). A face YuNet scores 0.2-0.45 on every other
    /// frame (masked, in profile) then starts a track (0.5) and is carried between its finds.
    /// </summary>
    internal static void BackFacesByPeople(List<Detection> detections, int start, List<Detection> faces)
    {
        for (int f = 0; f < faces.Count; f++)
        {
            var face = faces[f];
            for (int i = start; i < detections.Count; i++)
            {
                var p = detections[i];
                if (!p.Class.IsPerson()) continue;
                var b = p.Box;
                if (face.Box.CenterX < b.X || face.Box.CenterX > b.Right || face.Box.CenterY < b.Y || face.Box.CenterY > b.Y + FaceZone * b.H
                    || face.Box.W < LeastFaceWidth * b.W) continue;
                float both = 1f - (1f - face.Score) * (1f - p.Score);
                if (both > face.Score) faces[f] = face = face with { Score = both };
            }
        }
    }
}
