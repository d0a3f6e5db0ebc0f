namespace Veil.WebRtc.Matroska;

// ITU-T H.264 §7.3.2.1.1 seq_parameter_set_data, read as far as the picture size:
//
//   profile_idc u(8) | constraint flags u(8) | level_idc u(8) | seq_parameter_set_id ue
//   [high profiles: chroma_format_idc ue, (separate_colour_plane u1), bit depths ue ue, bypass u1, scaling lists]
//   log2_max_frame_num_minus4 ue | pic_order_cnt_type ue (+ its fields) | max_num_ref_frames ue | gaps u1
//   pic_width_in_mbs_minus1 ue | pic_height_in_map_units_minus1 ue | frame_mbs_only_flag u1 [mb_adaptive u1]
//   direct_8x8_inference u1 | frame_cropping_flag u1 [crop left, right, top, bottom ue]

/// <summary>The displayed width and height an SPS describes, cropping applied (§7.4.2.1.1).</summary>
internal static class H264Sps
{
    private static readonly int[] HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    public static bool TryReadSize(ReadOnlySpan<byte> spsUnit, out int width, out int height)
    {
        width = height = 0;
        var reader = new RbspBitReader(RbspBitReader.Unescape(spsUnit));
        int profile = (int)reader.Bits(8);
        reader.Bits(16); // constraint flags, level
        reader.UnsignedGolomb(); // seq_parameter_set_id
        uint chromaFormat = 1;
        bool separateColourPlanes = false;
        if (HighProfiles.Contains(profile))
        {
            chromaFormat = reader.UnsignedGolomb();
            if (chromaFormat == 3) separateColourPlanes = reader.Bit() == 1;
            reader.UnsignedGolomb(); // bit_depth_luma_minus8
            reader.UnsignedGolomb(); // bit_depth_chroma_minus8
            reader.Bit(); // qpprime_y_zero_transform_bypass_flag
            if (reader.Bit() == 1) SkipScalingMatrix(ref reader, chromaFormat == 3 ? 12 : 8);
        }
        reader.UnsignedGolomb(); // log2_max_frame_num_minus4
        uint pocType = reader.UnsignedGolomb();
        if (pocType == 0) reader.UnsignedGolomb();
        else if (pocType == 1)
        {
            reader.Bit();
            reader.SignedGolomb();
            reader.SignedGolomb();
            uint cycle = reader.UnsignedGolomb();
            if (cycle > 255) return false;
            for (int i = 0; i < cycle; i++) reader.SignedGolomb();
        }
        reader.UnsignedGolomb(); // max_num_ref_frames
        reader.Bit(); // gaps_in_frame_num_value_allowed_flag
        long widthInMbs = reader.UnsignedGolomb() + 1L;
        long heightInMapUnits = reader.UnsignedGolomb() + 1L;
        int frameMbsOnly = (int)reader.Bit();
        if (frameMbsOnly == 0) reader.Bit(); // mb_adaptive_frame_field_flag
        reader.Bit(); // direct_8x8_inference_flag
        long cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (reader.Bit() == 1)
        {
            cropLeft = reader.UnsignedGolomb();
            cropRight = reader.UnsignedGolomb();
            cropTop = reader.UnsignedGolomb();
            cropBottom = reader.UnsignedGolomb();
        }
        if (reader.Failed || chromaFormat > 3) return false;

        // Table 6-1: 4:2:0 halves both ways, 4:2:2 only across; monochrome or separate planes crop in luma samples.
        uint chromaArrayType = separateColourPlanes ? 0 : chromaFormat;
        int cropUnitX = chromaArrayType is 1 or 2 ? 2 : 1;
        int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (2 - frameMbsOnly);
        long w = widthInMbs * 16 - cropUnitX * (cropLeft + cropRight);
        long h = (2 - frameMbsOnly) * heightInMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        if (w is <= 0 or > 16384 || h is <= 0 or > 16384) return false;
        (width, height) = ((int)w, (int)h);
        return true;
    }

    /// <summary>§7.3.2.1.1.1: each present list is delta-coded; only the bits need skipping.</summary>
    private static void SkipScalingMatrix(ref RbspBitReader reader, int lists)
    {
        for (int i = 0; i < lists && !reader.Failed; i++)
        {
            if (reader.Bit() == 0) continue;
            int size = i < 6 ? 16 : 64, last = 8, next = 8;
            for (int j = 0; j < size && !reader.Failed; j++)
            {
                if (next != 0) next = (int)(((last + (long)reader.SignedGolomb()) % 256 + 256) % 256);
                last = next == 0 ? last : next;
            }
        }
    }
}
