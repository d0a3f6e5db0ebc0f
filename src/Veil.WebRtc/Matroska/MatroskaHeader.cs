namespace Veil.WebRtc.Matroska;

// RFC 9559 §5.1 and §8 (Matroska), RFC 8794 §11.2 (EBML header). The stream starts with:
//
//   EBML { EBMLVersion 1, EBMLReadVersion 1, MaxIDLength 4, MaxSizeLength 8, DocType, DocTypeVersion 4, DocTypeReadVersion 2 }
//   Segment (unknown size)
//     Info { TimestampScale 1000000 (1 ms), MuxingApp "veil", WritingApp "veil" }
//     Tracks { TrackEntry video (1) [, TrackEntry audio (2)] }
//     Cluster ... (written by MatroskaLiveWriter)

/// <summary>The bytes before the first Cluster, written once the first keyframe has told the video size (and for H.264 the SPS/PPS).</summary>
internal static class MatroskaHeader
{
    public const int VideoTrack = 1, AudioTrack = 2;

    public static byte[] Build(MatroskaVideoCodec codec, byte[]? codecPrivate, int width, int height, bool withAudio)
    {
        var buffer = new EbmlBuffer();
        buffer.Master(MatroskaIds.Ebml, ebml =>
        {
            ebml.Unsigned(MatroskaIds.EbmlVersion, 1);
            ebml.Unsigned(MatroskaIds.EbmlReadVersion, 1);
            ebml.Unsigned(MatroskaIds.EbmlMaxIdLength, 4);
            ebml.Unsigned(MatroskaIds.EbmlMaxSizeLength, 8);
            // WebM (VP8, Opus) is a Matroska subset that more players accept; H.264 is not allowed in it.
            ebml.String(MatroskaIds.DocType, codec == MatroskaVideoCodec.Vp8 ? "webm" : "matroska");
            ebml.Unsigned(MatroskaIds.DocTypeVersion, 4);
            ebml.Unsigned(MatroskaIds.DocTypeReadVersion, 2);
        });
        buffer.OpenEnded(MatroskaIds.Segment);
        buffer.Master(MatroskaIds.Info, info =>
        {
            info.Unsigned(MatroskaIds.TimestampScale, 1_000_000);
            info.String(MatroskaIds.MuxingApp, "veil");
            info.String(MatroskaIds.WritingApp, "veil");
        });
        buffer.Master(MatroskaIds.Tracks, tracks =>
        {
            tracks.Master(MatroskaIds.TrackEntry, video =>
            {
                video.Unsigned(MatroskaIds.TrackNumber, VideoTrack);
                video.Unsigned(MatroskaIds.TrackUid, VideoTrack);
                video.Unsigned(MatroskaIds.TrackType, 1);
                video.Unsigned(MatroskaIds.FlagLacing, 0);
                video.String(MatroskaIds.CodecId, codec == MatroskaVideoCodec.Vp8 ? "V_VP8" : "V_MPEG4/ISO/AVC");
                if (codecPrivate is not null) video.Binary(MatroskaIds.CodecPrivate, codecPrivate);
                video.Master(MatroskaIds.Video, size =>
                {
                    size.Unsigned(MatroskaIds.PixelWidth, (ulong)width);
                    size.Unsigned(MatroskaIds.PixelHeight, (ulong)height);
                });
            });
            if (withAudio) tracks.Master(MatroskaIds.TrackEntry, AudioEntry);
        });
        return buffer.ToArray();
    }

    private static void AudioEntry(EbmlBuffer audio)
    {
        audio.Unsigned(MatroskaIds.TrackNumber, AudioTrack);
        audio.Unsigned(MatroskaIds.TrackUid, AudioTrack);
        audio.Unsigned(MatroskaIds.TrackType, 2);
        audio.Unsigned(MatroskaIds.FlagLacing, 0);
        audio.String(MatroskaIds.CodecId, "A_OPUS");
        audio.Binary(MatroskaIds.CodecPrivate, OpusHead.Build());
        audio.Unsigned(MatroskaIds.CodecDelay, OpusHead.CodecDelayNs);
        audio.Unsigned(MatroskaIds.SeekPreRoll, OpusHead.SeekPreRollNs);
        audio.Master(MatroskaIds.Audio, format =>
        {
            format.Float(MatroskaIds.SamplingFrequency, OpusHead.SampleRate);
            format.Unsigned(MatroskaIds.Channels, OpusHead.Channels);
        });
    }
}
