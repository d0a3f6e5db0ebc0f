namespace Veil.Server.Serve;

/// <summary>Where a stream's supervisor is: connecting to its source, waiting for a publisher, running, waiting to retry, done or stopped.</summary>
public enum StreamState
{
    Starting,

    /// <summary>A push stream with no publisher connected.</summary>
    Waiting,
    Running,
    Retrying,
    Finished,
    Stopped,
}
