using System.Globalization;
using OpenCvSharp;
using Veil.TestSupport;

namespace Veil.Server.Tests.Anonymize;

/// <summary>
/// A CCTV-like clip made with ffmpeg: testsrc2 with a recorder's burned-in timestamp (top left) and
/// caption (bottom left), and a real face from faces-dev pasted beside the timestamp, inside the
/// same top-left strip. The rectangles below are where each one is in every frame.
/// </summary>
internal static class OverlayClip
{
    public const int Width = 1280, Height = 720, Fps = 25;

    /// <summary>DejaVu (Debian's fonts-dejavu-core, in scripts/setup.sh): a font whose layout the rectangles below were measured with.</summary>
    public const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf";

    /// <summary>The timestamp's characters (36 px DejaVu Sans Mono Bold at 16,24), measured on a black frame.</summary>
    public static readonly Rect Timestamp = new(16, 22, 418, 30);

    /// <summary>The caption's characters (32 px at 16,664).</summary>
    public static readonly Rect Caption = new(16, 662, 323, 27);

    // An unmasked face of faces-dev (labels.csv: 268,16 112x119), pasted with the 160x170 around it.
    private const string FaceImage = "maksssksksss83.jpg";
    private static readonly Rect FaceCrop = new(240, 0, 160, 170);
    private static readonly Point FaceAt = new(460, 5);

    /// <summary>The face's labelled box in the clip.</summary>
    public static readonly Rect Face = new(FaceAt.X + 268 - FaceCrop.X, FaceAt.Y + 16 - FaceCrop.Y, 112, 119);

    /// <summary>
    /// The face less a tenth on each side, where it is measured: the label reaches above the brow,
    /// where the redacted box (moved towards the chin) need not.
    /// </summary>
    public static readonly Rect FaceInner = new(Face.X + Face.Width / 10, Face.Y + Face.Height / 10, Face.Width - Face.Width / 5, Face.Height - Face.Height / 5);

    /// <summary>
    /// The measure's control, which nothing redacts: the edges of testsrc2's red, green and yellow
    /// bars, below the face's first-frame box (it reaches down to y 200). Not its noisy checkerboard:
    /// the text model finds "text" in that at times.
    /// </summary>
    public static readonly Rect Background = new(150, 300, 280, 120);

    /// <summary>A privacy mask inside the top-left keep zone, across the red and green bars' edge.</summary>
    public static readonly Rect Masked = new(150, 120, 130, 40);

    /// <summary>
    /// The camera file's keep zones: the top-left strip (a fraction of the frame) holding the
    /// timestamp and the face, and a polygon around the caption (pixels); and a mask inside the
    /// strip, which must still be filled.
    /// </summary>
    public const string KeepZonesYaml = """
        name: overlay-cam
        masks:
          - name: window
            rect: [150, 120, 130, 40]
            style: fill
        keep:
          - name: top-left overlay
            rect: [0, 0, 0.5, 0.25]
            units: relative
          - name: caption
            polygon: [[0, 640], [440, 640], [440, 710], [0, 710]]
        """;

    public const double Seconds = 3;

    private static readonly Lazy<Task<string>> s_made = new(async () =>
    {
        string path = Path.Combine(SharedData.OutDirectory("keep-zones"), "overlay.mp4");
        await WriteAsync(path, Seconds);
        return path;
    });

    /// <summary>The clip (out/keep-zones/overlay.mp4), made once per test run.</summary>
    public static Task<string> PathAsync() => s_made.Value;

    private static async Task WriteAsync(string path, double seconds)
    {
        Assert.True(File.Exists(Font), $"{Font} is missing: install fonts-dejavu-core (scripts/setup.sh)");
        string face = Path.Combine(SharedData.FacesDev, "images", FaceImage);
        Assert.True(File.Exists(face), $"{face} is missing");
        // The timestamp counts the clip's own seconds from a fixed instant, so every run draws the same text.
        string filter = string.Join(",",
            $"[1:v]crop={FaceCrop.Width}:{FaceCrop.Height}:{FaceCrop.X}:{FaceCrop.Y}[face];[0:v][face]overlay=x={FaceAt.X}:y={FaceAt.Y}:shortest=1",
            $@"drawtext=fontfile={Font}:text='%{{pts\:gmtime\:1700000000\:%Y-%m-%d %H\\\:%M\\\:%S}}':x=16:y=24:fontsize=36:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6",
            $"drawtext=fontfile={Font}:text='NORTH GATE CAM 03':x=16:y=664:fontsize=32:fontcolor=yellow");
        string duration = seconds.ToString(CultureInfo.InvariantCulture);
        (await FfTools.RunFfmpegAsync(
        [
            "-v", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size={Width}x{Height}:rate={Fps}:duration={duration}",
            "-loop", "1", "-framerate", $"{Fps}", "-i", face,
            "-filter_complex", filter, "-t", duration,
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv420p", path,
        ])).EnsureSuccess();
    }
}
