namespace Veil.Server.Serve;

/// <summary>
/// Where a stream's lifecycle and its violations are told to the outside (the hooks). Called on
/// the stream's own supervisor or stage thread: <see cref="Raise"/> never waits and never throws.
/// </summary>
internal interface IStreamEvents
{
    /// <param name="type">One of <see cref="StreamEventTypes"/>.</param>
    /// <param name="details">Small JSON-serializable values (strings, numbers, lists), snake_case names.</param>
    void Raise(string type, string stream, IReadOnlyDictionary<string, object?> details);
}
