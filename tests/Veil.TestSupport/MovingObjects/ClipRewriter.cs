namespace Veil.TestSupport.MovingObjects;

/// <summary>Decodes a clip, lets the caller change each frame (BGR) and encodes the result as Veil would by default (x264 veryfast, crf 23).</summary>
public static class ClipRewriter
{
    public static void Rewrite(string input, string output, int width, int height, int fps, Action<int, OpenCvSharp.Mat> edit, int crf = 23)
    {
        using var reader = new RawVideoReader(input, width, height, gray: false);
        using var writer = new RawVideoWriter(output, width, height, fps, crf, preset: "veryfast");
        using var frame = reader.NewFrame();
        for (int f = 0; reader.TryRead(frame); f++)
        {
            edit(f, frame);
            writer.Write(frame);
        }
        writer.Complete();
    }
}
