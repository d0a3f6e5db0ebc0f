using Veil.Media.Interop;

namespace Veil.Media.Demux;

/// <summary>
/// Why FFmpeg could not read a local file's header, said only as far as the file's own bytes
/// prove it: cut short (a box runs past the end), or complete but damaged (boxes reach exactly
/// the end, or intact boxes follow garbage). Anything else is not guessed at.
/// </summary>
internal static class OpenFailureCause
{
    public static string Explain(string path, int rc)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
            return file.Length == 0 ? "the file is empty" : ExplainMp4(file, rc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Unknown(rc);
        }
    }

    private static string ExplainMp4(FileStream file, int rc)
    {
        long length = file.Length;
        var chain = IsoBmffBoxes.Walk(file, 0);
        switch (chain.End)
        {
            case BoxChainEnd.Invalid when chain.Offset == 0:
                return IsoBmffBoxes.FindIntactRun(file, 1) is { } intact
                    ? $"its header is damaged: the file does not start with an MP4 box, yet the MP4 boxes from byte {intact} end exactly at its end, so no bytes are missing"
                    : Unknown(rc);
            case BoxChainEnd.Invalid:
                return $"the file is damaged: no valid MP4 box at byte {chain.Offset}";
            case BoxChainEnd.PastFileEnd when IsoBmffBoxes.FindIntactRun(file, chain.Offset + 8) is { } after:
                return $"the file is damaged: its '{chain.Type}' box at byte {chain.Offset} claims to end at byte {chain.DeclaredEnd}, past its end, yet the boxes from byte {after} end exactly at its end";
            case BoxChainEnd.PastFileEnd when chain.Type == "":
                return $"the file is cut short: it ends at byte {length}, inside the header of an MP4 box";
            case BoxChainEnd.PastFileEnd:
                return $"the file is cut short: its '{chain.Type}' box at byte {chain.Offset} runs to byte {chain.DeclaredEnd}, the file ends at byte {length}";
            case BoxChainEnd.AtFileEnd when !chain.HasIndex:
                return "the file ends without its index, the 'moov' box: cut short before it, or a recording that was never finished";
            default:
                return "its header is damaged: the file's MP4 boxes are all there, ending exactly at its end, but FFmpeg cannot read them";
        }
    }

    private static string Unknown(int rc) => rc == AvConst.AVERROR_EOF
        ? "the file ends inside its header: cut short, or a length in its header is damaged"
        : "not a media file FFmpeg can read, or its header is damaged";
}
