namespace Veil.Violations.Tests.Outbox;

/// <summary>How the test receiver treats one POST of an event.</summary>
public enum ReceiverAnswer
{
    /// <summary>Store it (201), or answer 200 when the id is already stored — the sidecar's contract.</summary>
    Store,

    /// <summary>Store it, then answer 500, as a sidecar that committed and failed before answering.</summary>
    StoreThenFail,

    /// <summary>Answer 500 without storing.</summary>
    Fail,

    /// <summary>Answer 400 with a reason, as for a malformed event.</summary>
    Reject,
}
