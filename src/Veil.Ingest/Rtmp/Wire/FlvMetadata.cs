namespace Veil.Ingest.Rtmp.Wire;

// A publisher's metadata is a script data message (type 18):
//   [string "@setDataFrame"] | string "onMetaData" | ECMA array or object of properties
// Encoders name the tracks they send: audiocodecid, audiosamplerate, stereo ... for audio;
// videocodecid, width, height, framerate ... for video. A video-only publisher names no audio.

/// <summary>Reads which tracks a publisher's onMetaData announces.</summary>
public static class FlvMetadata
{
    private static readonly byte[] SetDataFrame = [2, 0, 13, .. "@setDataFrame"u8];
    private static readonly byte[] OnMetaData = [2, 0, 10, .. "onMetaData"u8];

    /// <summary>The body to put in the FLV stream (onMetaData and its properties, without @setDataFrame); empty for other data messages.</summary>
    public static ReadOnlySpan<byte> Body(ReadOnlySpan<byte> message)
    {
        if (message.StartsWith(SetDataFrame)) message = message[SetDataFrame.Length..];
        return message.StartsWith(OnMetaData) ? message : [];
    }

    /// <summary>
    /// The tracks announced by an onMetaData body (from <see cref="Body"/>); false when its
    /// properties cannot be read or name no track: then nothing is known (bad metadata is not an error, as for players).
    /// </summary>
    public static bool TryReadTracks(ReadOnlySpan<byte> body, out bool audio, out bool video)
    {
        audio = video = false;
        List<object?> values;
        try { values = Amf0.ReadAll(body); }
        catch (RtmpProtocolException) { return false; }
        if (values.Count < 2 || values[1] is not Dictionary<string, object?> properties) return false;
        foreach (var key in properties.Keys)
        {
            if (key.StartsWith("audio", StringComparison.OrdinalIgnoreCase) || key == "stereo") audio = true;
            if (key.StartsWith("video", StringComparison.OrdinalIgnoreCase) || key is "width" or "height") video = true;
        }
        return audio || video;
    }
}
