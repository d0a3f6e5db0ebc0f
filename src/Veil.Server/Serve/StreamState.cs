namespace Veil.Server.Serve;

/// <summary>Where a stream's supervisor is: connecting to its source, running, waiting to retry, done or stopped.</summary>
public enum StreamState
{
    Starting,
    Running,
    Retrying,
    Finished,
    Stopped,
}
