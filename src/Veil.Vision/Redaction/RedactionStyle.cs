namespace Veil.Vision.Redaction;

/// <summary>How a region is made unrecognisable.</summary>
public enum RedactionStyle
{
    /// <summary>
    /// Strong Gaussian blur, then a mosaic of at most 8 blocks across. The default: faces behind
    /// light blur or fine pixelation have been re-identified by published attacks, this leaves too
    /// little information for that.
    /// </summary>
    Mosaic = 0,

    /// <summary>Gaussian blur whose sigma is a quarter of the region's longer side.</summary>
    Blur,

    /// <summary>Block averages, at most 8 blocks across the longer side.</summary>
    Pixelate,

    /// <summary>A constant colour.</summary>
    Fill,
}
