using Veil.TestSupport;

namespace Veil.Server.Tests.Serve;

/// <summary>The camera the serve tests feed in: the first faces-dev picture at 640x360, as a still and as a clip with a tone.</summary>
internal static class FaceCamera
{
    /// <summary>The picture, written as DIR/face.EXT (png or jpg).</summary>
    public static async Task<string> PictureAsync(string dir, string extension = "png")
    {
        string image = Directory.EnumerateFiles(SharedData.FacesDev, "*.jpg", SearchOption.AllDirectories).Order().First();
        string face = Path.Combine(dir, $"face.{extension}");
        (await FfTools.RunFfmpegAsync(["-y", "-i", image, "-vf", "scale=640:360", "-q:v", "3", face])).EnsureSuccess();
        return face;
    }

    /// <summary>A 4 s, 25 fps H.264 + AAC clip of the picture, keyframe every second, as DIR/face-camera.EXT.</summary>
    public static async Task<(string Clip, string Face)> ClipAsync(string dir, string extension = "mp4")
    {
        string face = await PictureAsync(dir);
        string clip = Path.Combine(dir, $"face-camera.{extension}");
        (await FfTools.RunFfmpegAsync(["-y", "-loop", "1", "-framerate", "25", "-i", face, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", "4", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-shortest", clip])).EnsureSuccess();
        return (clip, face);
    }
}
