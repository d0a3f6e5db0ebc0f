namespace Veil.TestSupport;

/// <summary>nginx did not come up; the message carries its output and error log.</summary>
public sealed class NginxStartException(string message, bool addressInUse) : Exception(message)
{
    /// <summary>The picked port was taken in the meantime; a retry on another port may succeed.</summary>
    public bool AddressInUse { get; } = addressInUse;
}
