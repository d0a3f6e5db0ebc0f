using System.CommandLine;
using Veil.Media.Codecs;
using Veil.Vision.Masks;
using Veil.Vision.Redaction;

namespace Veil.Server.Cli;

/// <summary>Options shared by the commands that redact and encode (anonymize, bench).</summary>
internal sealed class CommonOptions
{
    public Option<string[]> Mask { get; } = new("--mask")
    {
        Description = "Privacy mask x,y,w,h: whole numbers are pixels, decimals or percentages are fractions of the frame. Repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<FileInfo?> Camera { get; } = new("--camera")
    {
        Description = "Camera config file (JSON or YAML) with its privacy masks (rectangles, polygons).",
    };

    public Option<RedactionStyle> Style { get; } = new("--style")
    {
        Description = "Redaction: mosaic (strong blur under a coarse mosaic, the default), blur, pixelate or fill.",
        DefaultValueFactory = _ => RedactionStyle.Mosaic,
    };

    public Option<int> Crf { get; } = new Option<int>("--crf")
    {
        Description = "x264 constant quality, 0 (lossless) to 51; lower is better.",
        DefaultValueFactory = _ => 23,
    }.Between(0, 51);

    public Option<string?> Bitrate { get; } = new("--bitrate")
    {
        Description = "Target video bitrate instead of CRF, e.g. 2500k or 4M.",
    };

    public Option<VideoEncoderKind> Encoder { get; } = new("--encoder")
    {
        Description = "H.264 encoder: x264 (CPU) or nvenc (NVIDIA GPU).",
        DefaultValueFactory = _ => VideoEncoderKind.X264,
    };

    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "x264 preset (ultrafast ... veryslow).",
        DefaultValueFactory = _ => "veryfast",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Mask, Camera, Style, Crf, Bitrate, Encoder, Preset })
            command.Options.Add(option);
    }

    public EncoderSettings EncoderSettings(ParseResult parse)
    {
        var settings = new EncoderSettings
        {
            Encoder = parse.GetValue(Encoder),
            Crf = parse.GetValue(Crf),
            Preset = parse.GetValue(Preset)!,
            Bitrate = parse.GetValue(Bitrate) is { } b ? ParseBitrate(b) : null,
        };
        settings.Validate();
        return settings;
    }

    public CameraConfig? CameraConfig(ParseResult parse) => parse.GetValue(Camera) is { } file ? Vision.Masks.CameraConfig.Load(file.FullName) : null;

    /// <summary>All masks: the camera file's first, then the command line's.</summary>
    public IReadOnlyList<PrivacyMask> Masks(ParseResult parse)
    {
        var masks = new List<PrivacyMask>();
        if (CameraConfig(parse) is { } camera) masks.AddRange(camera.Masks);
        var cli = parse.GetValue(Mask) ?? [];
        for (int i = 0; i < cli.Length; i++) masks.Add(MaskParser.ParseRectangle(cli[i], $"--mask #{i + 1}"));
        return masks;
    }

    public RedactionOptions Redaction(ParseResult parse) => new() { Style = parse.GetValue(Style), MarginFraction = 0 };

    internal static long ParseBitrate(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        long scale = t.EndsWith('k') ? 1_000 : t.EndsWith('m') ? 1_000_000 : 1;
        if (scale != 1) t = t[..^1];
        if (!double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) || v <= 0)
            throw new FormatException($"--bitrate \"{text}\": expected a positive number like 2500k or 4M");
        return (long)(v * scale);
    }
}
