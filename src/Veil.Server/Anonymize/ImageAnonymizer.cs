using OpenCvSharp;
using Veil.Core.Frames;
using Veil.Core.Pipeline;
using Veil.Vision.Imaging;
using Veil.Vision.Masks;
using Veil.Vision.Redaction;

namespace Veil.Server.Anonymize;

/// <summary>
/// Still images (jpg, png, ...): decoded with OpenCV, redacted as one I420 frame by the same
/// processor as video (so an image and a video frame are redacted identically), written back.
/// </summary>
internal static class ImageAnonymizer
{
    private static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"];

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Refuses a video or URL output for an image input, before anything is written.</summary>
    public static void CheckOutputs(IEnumerable<string> outputs)
    {
        foreach (var o in outputs.Where(o => !IsImage(o)))
            throw new ArgumentException($"output '{o}': an image input needs an image output (.jpg, .png, ...)");
    }

    /// <param name="outputs">Files to write, each with an image extension (<see cref="CheckOutputs"/>).</param>
    public static (int Width, int Height) Run(string input, IReadOnlyList<string> outputs, ProcessorFactory processors)
    {
        if (!File.Exists(input)) throw new FileNotFoundException($"input '{input}' does not exist");
        using var bgr = Cv2.ImRead(input, ImreadModes.Color);
        if (bgr.Empty()) throw new FormatException($"cannot read image '{input}': not an image OpenCV can decode");

        processors.Validate(bgr.Width, bgr.Height);
        processors.ImageKey = Path.GetFileName(input);
        using var pool = new FramePool(bgr.Width, bgr.Height, NativeFrameBuffer.Allocate);
        var frame = pool.Rent();
        try
        {
            I420.FromBgr(bgr, frame.Planes);
            processors.Processor.Process(frame);
            (processors.Processor as ILookAheadProcessor)?.Complete(frame);
            using var result = I420.ToBgr(frame.Planes);
            foreach (var output in outputs)
                if (!Cv2.ImWrite(output, result)) throw new IOException($"cannot write image '{output}'");
        }
        finally
        {
            frame.Release();
        }
        return (bgr.Width, bgr.Height);
    }
}
