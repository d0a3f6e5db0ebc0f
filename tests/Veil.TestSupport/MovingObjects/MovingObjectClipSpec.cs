using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Veil.TestSupport.MovingObjects;

/// <summary>
/// What a moving-object clip is made of. Equal specs give the same objects, paths and ground truth; the
/// clip is cached under out/moving-objects/&lt;<see cref="CacheKey"/>&gt;/.
/// </summary>
public sealed record MovingObjectClipSpec
{
    /// <summary>Bumped whenever the generator changes what a spec produces, so old caches are not reused.</summary>
    public const int GeneratorVersion = 3;

    public int Seed { get; init; } = 15;
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;
    public int Fps { get; init; } = 25;
    public double Seconds { get; init; } = 10;
    public int Plates { get; init; } = 4;
    public int Faces { get; init; } = 4;

    /// <summary>Plate width or face height, in clip pixels, that objects grow and shrink between.</summary>
    public int MinSize { get; init; } = 20;
    public int MaxSize { get; init; } = 140;

    /// <summary>
    /// The street, relative to ../shared/data/videos: PETS 2009's campus walkway (Apache-2.0/BSD via Debian's
    /// opencv-doc), a fixed elevated camera with a few small pedestrians and no legible plate or face of its own.
    /// </summary>
    public string Background { get; init; } = "debian_opencv-doc/examples/data/vtest.avi";

    /// <summary>The ffmpeg filter that makes the background 16:9 at the clip's size and rate (768x576 → crop 768x432 → scale).</summary>
    public string BackgroundFilter { get; init; } = "crop=768:432:0:60,scale={W}:{H}:flags=lanczos,fps={FPS}";

    public int FrameCount => (int)Math.Round(Seconds * Fps);

    public string CacheKey
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            string readable = string.Create(inv, $"seed{Seed}-{Width}x{Height}-{Fps}fps-{Seconds:0.##}s-{Plates}p{Faces}f-{MinSize}to{MaxSize}px");
            // The background and its filter are long; a short hash keeps them in the key without spelling them out.
            string rest = string.Create(inv, $"{Background}|{BackgroundFilter}|v{GeneratorVersion}");
            return readable + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rest)))[..8];
        }
    }

    public string ResolvedBackgroundFilter => BackgroundFilter
        .Replace("{W}", Width.ToString(CultureInfo.InvariantCulture))
        .Replace("{H}", Height.ToString(CultureInfo.InvariantCulture))
        .Replace("{FPS}", Fps.ToString(CultureInfo.InvariantCulture));
}
