using System.Collections;

namespace Veil.Vision.Tracking;

/// <summary>
/// A tracker's view of its tracks: read-only, the same instance every call, valid until the next
/// call. A concrete type so that <c>foreach</c> uses the list's struct enumerator: through
/// <see cref="IReadOnlyList{T}"/> each frame's loop would allocate one.
/// </summary>
public sealed class TrackList : IReadOnlyList<Track>
{
    internal TrackList(List<Track> items) => Items = items;

    internal List<Track> Items { get; }

    public int Count => Items.Count;

    public Track this[int index] => Items[index];

    public List<Track>.Enumerator GetEnumerator() => Items.GetEnumerator();

    IEnumerator<Track> IEnumerable<Track>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
