namespace Veil.Media.Demux;

/// <summary>How a walk over top-level MP4 boxes ended (<see cref="IsoBmffBoxes"/>).</summary>
internal enum BoxChainEnd
{
    /// <summary>The boxes end exactly where the file does.</summary>
    AtFileEnd,

    /// <summary>A box (or a box header) runs past the end of the file.</summary>
    PastFileEnd,

    /// <summary>Bytes where a box should start are not a box header.</summary>
    Invalid,
}
