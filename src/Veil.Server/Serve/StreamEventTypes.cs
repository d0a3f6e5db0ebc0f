namespace Veil.Server.Serve;

/// <summary>
/// The events a stream raises. Every run that was published ends with one <see cref="Stopped"/>;
/// <see cref="Failed"/> comes before it when the run ended on an error, and alone when a pulled
/// source could not be opened at all.
/// </summary>
internal static class StreamEventTypes
{
    /// <summary>A publisher's run began (push), or the pulled source opened.</summary>
    public const string Published = "stream.published";

    /// <summary>The picture is known and within the limits: frames are being anonymized and sent.</summary>
    public const string Running = "stream.running";

    public const string Failed = "stream.failed";
    public const string Stopped = "stream.stopped";

    /// <summary>A violation event the rules raised and the outbox took (what reaches the sidecar).</summary>
    public const string Violation = "violation";

    public static readonly IReadOnlyList<string> All = [Published, Running, Failed, Stopped, Violation];
}
