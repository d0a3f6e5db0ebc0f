namespace Veil.Media.Demux;

/// <summary>An input that ended before the video frames its own index lists: the frames before the cut were used.</summary>
public sealed record InputTruncation(string Url, long FramesListed, long FramesFound)
{
    public override string ToString() => $"input '{Url}' is truncated: its index lists {FramesListed} video frames, the data holds {FramesFound}";
}
