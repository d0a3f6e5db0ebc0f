namespace Veil.Media.Interop;

/// <summary>
/// FFmpeg 5.1 constants Veil uses. A test compares each one with the value the installed headers
/// define (through the shim), so a different FFmpeg fails the test suite, not the pipeline.
/// </summary>
internal static class AvConst
{
    public const int AVMEDIA_TYPE_VIDEO = 0;
    public const int AVMEDIA_TYPE_AUDIO = 1;
    public const int AV_PIX_FMT_YUV420P = 0;
    public const int AV_PIX_FMT_YUVJ420P = 12;
    public const int AV_PIX_FMT_NV12 = 23;
    public const int AV_SAMPLE_FMT_FLTP = 8;
    public const int AV_CODEC_ID_NONE = 0;
    public const int AV_CODEC_ID_H264 = 27;
    public const int AV_CODEC_ID_AAC = 86018;
    public const int AV_CODEC_ID_MP3 = 86017;
    public const int AVERROR_EOF = -541478725; // FFERRTAG('E','O','F',' ')
    public const int AVERROR_EAGAIN = -11;
    public const int AVERROR_INVALIDDATA = -1094995529; // FFERRTAG('I','N','D','A')
    public const int AVERROR_EXIT = -1414092869; // FFERRTAG('E','X','I','T')
    public const int AVERROR_INPUT_CHANGED = -1668179713; // -0x636e6701, swresample
    public const long AV_NOPTS_VALUE = long.MinValue;
    public const int AV_TIME_BASE = 1_000_000;
    public const int AV_PKT_FLAG_KEY = 1;
    public const int AV_PKT_DATA_DISPLAYMATRIX = 5;
    public const int AVSEEK_FLAG_BACKWARD = 1;
    public const int AV_CODEC_FLAG_GLOBAL_HEADER = 1 << 22;
    public const int AVFMT_NOFILE = 0x0001;
    public const int AVFMT_GLOBALHEADER = 0x0040;
    public const int AVIO_FLAG_WRITE = 2;
    public const int SWS_BILINEAR = 2;
    public const int FF_COMPLIANCE_NORMAL = 0;
    public const int AV_PICTURE_TYPE_NONE = 0;
    public const int AV_PICTURE_TYPE_I = 1;
    public const int AV_LOG_QUIET = -8;
    public const int AV_LOG_ERROR = 16;
    public const int AV_LOG_WARNING = 24;
    public const int FF_THREAD_FRAME = 1;
    public const int FF_THREAD_SLICE = 2;

    /// <summary>Library majors of Debian 12's FFmpeg 5.1, the ABI these declarations follow.</summary>
    public const int AvformatMajor = 59, AvcodecMajor = 59, AvutilMajor = 57, SwscaleMajor = 6, SwresampleMajor = 4;

    /// <summary>Every constant above by its C name, for the header check.</summary>
    public static IReadOnlyDictionary<string, long> ByCName { get; } = new Dictionary<string, long>
    {
        ["AVMEDIA_TYPE_VIDEO"] = AVMEDIA_TYPE_VIDEO, ["AVMEDIA_TYPE_AUDIO"] = AVMEDIA_TYPE_AUDIO,
        ["AV_PIX_FMT_YUV420P"] = AV_PIX_FMT_YUV420P, ["AV_PIX_FMT_YUVJ420P"] = AV_PIX_FMT_YUVJ420P,
        ["AV_PIX_FMT_NV12"] = AV_PIX_FMT_NV12, ["AV_SAMPLE_FMT_FLTP"] = AV_SAMPLE_FMT_FLTP,
        ["AV_CODEC_ID_NONE"] = AV_CODEC_ID_NONE, ["AV_CODEC_ID_H264"] = AV_CODEC_ID_H264,
        ["AV_CODEC_ID_AAC"] = AV_CODEC_ID_AAC, ["AV_CODEC_ID_MP3"] = AV_CODEC_ID_MP3, ["AVERROR_EOF"] = AVERROR_EOF, ["AVERROR_EAGAIN"] = AVERROR_EAGAIN,
        ["AVERROR_INVALIDDATA"] = AVERROR_INVALIDDATA, ["AVERROR_EXIT"] = AVERROR_EXIT,
        ["AVERROR_INPUT_CHANGED"] = AVERROR_INPUT_CHANGED,
        ["AV_NOPTS_VALUE"] = AV_NOPTS_VALUE, ["AV_TIME_BASE"] = AV_TIME_BASE, ["AV_PKT_FLAG_KEY"] = AV_PKT_FLAG_KEY,
        ["AV_PKT_DATA_DISPLAYMATRIX"] = AV_PKT_DATA_DISPLAYMATRIX, ["AVSEEK_FLAG_BACKWARD"] = AVSEEK_FLAG_BACKWARD,
        ["AV_CODEC_FLAG_GLOBAL_HEADER"] = AV_CODEC_FLAG_GLOBAL_HEADER, ["AVFMT_NOFILE"] = AVFMT_NOFILE,
        ["AVFMT_GLOBALHEADER"] = AVFMT_GLOBALHEADER, ["AVIO_FLAG_WRITE"] = AVIO_FLAG_WRITE,
        ["SWS_BILINEAR"] = SWS_BILINEAR, ["FF_COMPLIANCE_NORMAL"] = FF_COMPLIANCE_NORMAL,
        ["AV_PICTURE_TYPE_NONE"] = AV_PICTURE_TYPE_NONE, ["AV_LOG_QUIET"] = AV_LOG_QUIET,
        ["AV_LOG_ERROR"] = AV_LOG_ERROR, ["AV_LOG_WARNING"] = AV_LOG_WARNING,
        ["FF_THREAD_FRAME"] = FF_THREAD_FRAME, ["FF_THREAD_SLICE"] = FF_THREAD_SLICE,
        ["sizeof(AVRational)"] = System.Runtime.InteropServices.Marshal.SizeOf<AvRational>(),
    };
}
