namespace Veil.Media.Codecs;

public enum VideoEncoderKind { X264, Nvenc }

/// <summary>
/// H.264 encoder settings. Defaults are for live: veryfast, zerolatency, a keyframe every 2 s, no
/// B-frames, constant quality (CRF 23) unless a bitrate is given.
/// </summary>
public sealed record EncoderSettings
{
    public VideoEncoderKind Encoder { get; init; } = VideoEncoderKind.X264;
    public string Preset { get; init; } = "veryfast";
    public string Tune { get; init; } = "zerolatency";
    public int Crf { get; init; } = 23;

    /// <summary>H.264 profile ("baseline", "main", "high"); null lets the encoder choose (x264: high). WebRTC viewers need main or lower.</summary>
    public string? Profile { get; init; }

    /// <summary>Target bitrate in bits/s; when set it replaces CRF.</summary>
    public long? Bitrate { get; init; }

    public double GopSeconds { get; init; } = 2.0;

    /// <summary>Encoder threads; 0 lets libx264 choose.</summary>
    public int Threads { get; init; }

    public string CodecName => Encoder == VideoEncoderKind.Nvenc ? "h264_nvenc" : "libx264";

    /// <summary>The same settings as ffmpeg CLI arguments, so a bare FFmpeg run compares like with like.</summary>
    public IReadOnlyList<string> ToFfmpegArgs(double fps)
    {
        var args = new List<string> { "-c:v", CodecName, "-pix_fmt", "yuv420p", "-bf", "0", "-g", Gop(fps).ToString() };
        if (Encoder == VideoEncoderKind.X264) args.AddRange(["-preset", Preset, "-tune", Tune]);
        if (Profile is not null) args.AddRange(["-profile:v", Profile]);
        if (Bitrate is { } b) args.AddRange(["-b:v", b.ToString()]);
        else if (Encoder == VideoEncoderKind.X264) args.AddRange(["-crf", Crf.ToString()]);
        if (Threads > 0) args.AddRange(["-threads", Threads.ToString()]);
        return args;
    }

    public int Gop(double fps) => Math.Max(1, (int)Math.Round(GopSeconds * (fps > 0 ? fps : 25)));

    public void Validate()
    {
        if (Crf is < 0 or > 51) throw new ArgumentException($"--crf {Crf} is outside 0..51");
        if (Bitrate is <= 0) throw new ArgumentException($"bitrate {Bitrate} must be positive");
        if (Profile is not null and not ("baseline" or "main" or "high")) throw new ArgumentException($"H.264 profile '{Profile}' is not baseline, main or high");
        if (GopSeconds <= 0) throw new ArgumentException($"GOP of {GopSeconds} s must be positive");
    }
}
