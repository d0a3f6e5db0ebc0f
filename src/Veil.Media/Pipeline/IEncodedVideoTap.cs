namespace Veil.Media.Pipeline;

/// <summary>
/// Sees every encoded (redacted) video packet of a run as it reaches the muxer: how WebRTC viewers
/// get the stream without another encode. Called on the mux thread, so it must not block; the
/// spans are borrowed for the call.
/// </summary>
public interface IEncodedVideoTap
{
    /// <param name="annexB">One H.264 access unit in Annex B.</param>
    /// <param name="ptsMicros">Presentation time in microseconds on the run's clock.</param>
    /// <param name="keyframe">An IDR: a viewer can start here.</param>
    /// <param name="parameterSets">SPS and PPS in Annex B when the encoder keeps them out of band (global headers); empty otherwise.</param>
    void OnVideo(ReadOnlySpan<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets);
}
