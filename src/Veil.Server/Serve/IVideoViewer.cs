namespace Veil.Server.Serve;

/// <summary>One viewer of a stream's encoded video (a WHEP session), fed by its own <see cref="ViewerQueue"/>.</summary>
internal interface IVideoViewer
{
    /// <summary>One H.264 access unit (Annex B), borrowed for the call; <paramref name="parameterSets"/> (SPS, PPS) come with keyframes.</summary>
    void Send(ReadOnlyMemory<byte> annexB, long ptsMicros, bool keyframe, ReadOnlySpan<byte> parameterSets);
}
