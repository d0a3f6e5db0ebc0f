namespace Veil.WebRtc.Sdp;

/// <summary>Which way media flows: into Veil (a WHIP publish, RFC 9725) or out of it (a WHEP viewer).</summary>
public enum OfferPurpose
{
    Ingest,
    Egress,
}
