using Veil.Media.Mux;

namespace Veil.Media.Pipeline;

/// <summary>
/// An output of a live run beside its destinations (HLS, a recording): fed the same encoded packets
/// (no second encode) through a queue and thread of its own, like a destination, so it may fall
/// behind and skip to the next keyframe but never holds up the run. When it fails it is opened
/// again with backoff.
/// </summary>
/// <param name="Name">Shown in logs and status ("HLS", "recording").</param>
/// <param name="Format">The FFmpeg muxer its files are written with ("hls", "mp4"): the run picks its audio and headers for it.</param>
/// <param name="Open">Opens the sink for a run (again after a failure); muxers come from the opener, which adds the run's streams.</param>
public sealed record SideOutput(string Name, string Format, Func<OutputOpener, IPacketSink> Open);

/// <summary>Creates a muxer of the side output's format at <paramref name="url"/> with the run's video and audio streams, header written.</summary>
public delegate MediaOutput OutputOpener(string url, IReadOnlyDictionary<string, string>? muxerOptions = null);
