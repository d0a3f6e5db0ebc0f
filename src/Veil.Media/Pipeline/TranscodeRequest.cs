using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Veil.Media.Codecs;
using Veil.Media.Demux;

namespace Veil.Media.Pipeline;

/// <summary>One input, redacted and re-encoded once, written to one or more outputs (files or RTMP).</summary>
public sealed record TranscodeRequest(string Input, IReadOnlyList<string> Outputs)
{
    public EncoderSettings Encoder { get; init; } = new();
    public InputOptions InputOptions { get; init; } = new();

    /// <summary>Forces the output container (e.g. "flv") instead of guessing it from the name.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>
    /// Read the input no faster than its own clock (ffmpeg's -re): what a live destination expects
    /// when the source is a file. Null means on exactly when a file is pushed to a network output.
    /// </summary>
    public bool? Realtime { get; init; }

    public bool PacesInput => Realtime ?? (!Input.Contains("://") && Outputs.Any(o => o.Contains("://")));

    /// <summary>Stop after this much of the input (live sources never end by themselves).</summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Drop audio even when the input has some.</summary>
    public bool NoAudio { get; init; }

    /// <summary>
    /// Live destinations: each output gets its own queue and thread and reconnects when it fails,
    /// so a dead destination neither stops the run nor the others. Off (files): an output that
    /// fails fails the run.
    /// </summary>
    public bool ReconnectOutputs { get; init; }

    /// <summary>
    /// With <see cref="ReconnectOutputs"/>: where each opening of a destination writes, given the
    /// destination as named (veil serve gives each opening of a file a file of its own). Unset: the destination itself.
    /// </summary>
    public Func<string, string>? OpenAs { get; init; }

    /// <summary>
    /// A live run: when the machine falls behind the source, frames are dropped at the entry
    /// (counted and logged) so latency stays near a second instead of growing (<see cref="LoadShedder"/>).
    /// Off (files): every frame is processed, however long it takes.
    /// </summary>
    public bool ShedLoad { get; init; }

    /// <summary>Also hands each encoded video packet to this tap (WebRTC viewers).</summary>
    public IEncodedVideoTap? VideoTap { get; init; }

    /// <summary>Outputs beside the destinations (HLS, recording), each on a queue and thread of its own.</summary>
    public IReadOnlyList<SideOutput> SideOutputs { get; init; } = [];

    /// <summary>Where the video tap's viewers ask for a keyframe out of the GOP (null: none is forced).</summary>
    public KeyframeRequests? Keyframes { get; init; }

    /// <summary>Where a run logs what is worth a line (a destination lost or back, load shed, <see cref="MediaLog"/>); none by default.</summary>
    public ILogger Log { get; init; } = NullLogger.Instance;
}
