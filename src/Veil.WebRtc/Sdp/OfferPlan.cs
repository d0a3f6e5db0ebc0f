using Veil.WebRtc.Dtls;
namespace Veil.WebRtc.Sdp;

/// <summary>
/// The outcome of checking an offer: one <see cref="MediaPlan"/> per offered section in order, the
/// peer's ICE credentials and DTLS fingerprint (from the BUNDLE-tagged accepted section), and the
/// accepted mids that share the one transport. <see cref="AnswerBuilder"/> turns it into the answer.
/// </summary>
public sealed class OfferPlan
{
    internal OfferPlan(OfferPurpose purpose, IReadOnlyList<MediaPlan> media, IReadOnlyList<string> bundleMids,
        string remoteUfrag, string remotePassword, DtlsFingerprint remoteFingerprint, DtlsSetup remoteSetup)
    {
        Purpose = purpose;
        Media = media;
        BundleMids = bundleMids;
        RemoteUfrag = remoteUfrag;
        RemotePassword = remotePassword;
        RemoteFingerprint = remoteFingerprint;
        RemoteSetup = remoteSetup;
    }

    public OfferPurpose Purpose { get; }
    public IReadOnlyList<MediaPlan> Media { get; }

    /// <summary>The accepted mids of the offer's BUNDLE group in its order; empty when the offer has no group.</summary>
    public IReadOnlyList<string> BundleMids { get; }

    public string RemoteUfrag { get; }
    public string RemotePassword { get; }

    /// <summary>The peer's sha-256 certificate fingerprint, to check in the DTLS handshake.</summary>
    public DtlsFingerprint RemoteFingerprint { get; }

    /// <summary>actpass or active: Veil answers passive and waits for the peer's ClientHello.</summary>
    public DtlsSetup RemoteSetup { get; }

    /// <summary>The accepted video section (there is always one).</summary>
    public MediaPlan Video => Media.First(m => m.Accepted && m.Kind == "video");

    /// <summary>The accepted audio section, if any.</summary>
    public MediaPlan? Audio => Media.FirstOrDefault(m => m.Accepted && m.Kind == "audio");
}
