namespace Veil.Sidecar.Store;

/// <summary>One page of a listing, newest first; <see cref="Next"/> is null on the last page.</summary>
public sealed record EventPage(IReadOnlyList<EventRecord> Events, PageCursor? Next);
