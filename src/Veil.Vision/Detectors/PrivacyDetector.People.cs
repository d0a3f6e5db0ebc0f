using Veil.Core.Detections;
using Veil.Core.Frames;
using Veil.Core.Geometry;

namespace Veil.Vision.Detectors;

/// <summary>
/// A second, closer look for faces where the object model saw a small person and the face model
/// found no face: the person's box is read enlarged (packed on canvases like the change regions),
/// so a face of 15-40 px, masked or half turned, reaches the size where YuNet finds it. The head
/// box taken from a person's top covers a standing body's head, not the face of a bust, a
/// sitting or a leaning person, nor a head the object model boxed on its own.
/// </summary>
public sealed partial class PrivacyDetector
{
    private readonly List<PixelRect> _people = new();

    // A person box shorter than this is read enlarged towards it, at most this many times: a 40 px
    // face of a 90 px bust is then read at 110 px.
    private const float PeopleMaxEnlargement = 3f;

    /// <summary>Looks for faces in the small people of <paramref name="detections"/> (from <paramref name="start"/>) whose box holds none of <paramref name="faces"/>; adds what it finds to <paramref name="faces"/>.</summary>
    private void LookCloserAtPeople(YuvPlanes planes, List<Detection> detections, int start, List<Detection> faces)
    {
        int lookSide = _options.PersonFaceLookSide;
        if (lookSide <= 0) return;
        _people.Clear();
        for (int i = start; i < detections.Count; i++)
        {
            var d = detections[i];
            if (!d.Class.IsPerson() || HoldsFace(faces, d.Box)) continue;
            var r = d.Box.ToPixelRect(planes.Width, planes.Height);
            if (r.IsEmpty || Math.Max(r.Width, r.Height) >= lookSide) continue;
            // A little of the picture around: the object model's box may cut the side of a head.
            _people.Add(r.Inflate(Math.Max(4, r.Width / 10)).ClampTo(planes.Width, planes.Height));
        }
        if (_people.Count == 0) return;
        // Within the face regions' budget: many small people (a crowd) are read less enlarged.
        for (int attempt = 0; ; attempt++)
        {
            _packer.Pack(_people, 1f, CanvasWidth, CanvasHeight, _canvases, lookSide, PeopleMaxEnlargement);
            long read = 0;
            foreach (var c in _canvases) read += (long)c.Width * c.Height;
            if (read <= _options.FaceRegionBudget || attempt == 2) break;
            lookSide = (int)(lookSide * MathF.Sqrt((float)_options.FaceRegionBudget / read));
        }
        long px = _faces!.PixelsRead;
        foreach (var canvas in _canvases) _faces.Detect(planes, canvas, _options.FaceScore, faces);
        Timings.AddPixels("face/people", _faces.PixelsRead - px);
    }

    /// <summary>Whether a face's centre lies inside <paramref name="person"/>'s box.</summary>
    private static bool HoldsFace(List<Detection> faces, BoxF person)
    {
        foreach (var f in faces)
            if (f.Box.CenterX >= person.X && f.Box.CenterX <= person.Right && f.Box.CenterY >= person.Y && f.Box.CenterY <= person.Bottom) return true;
        return false;
    }
}
