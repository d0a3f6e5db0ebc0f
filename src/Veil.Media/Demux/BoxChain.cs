namespace Veil.Media.Demux;

/// <summary>
/// Where a walk over top-level MP4 boxes stopped: at <see cref="Offset"/>, the last box seen
/// (<see cref="Type"/>, declared to end at <see cref="DeclaredEnd"/>), with or without an index.
/// </summary>
/// <param name="OpenEnded">The last box had size 0 ("to the end of the file"), which proves nothing about the file's length.</param>
internal sealed record BoxChain(BoxChainEnd End, long Offset, string Type, long DeclaredEnd, bool HasIndex, bool OpenEnded);
