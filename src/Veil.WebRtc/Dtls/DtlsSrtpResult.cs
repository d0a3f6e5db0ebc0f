using Org.BouncyCastle.Tls;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// The SRTP master keys and salts a DTLS-SRTP handshake produced. The client (the browser) protects
/// what it sends with ClientKey/ClientSalt; Veil, the server, sends with ServerKey/ServerSalt.
/// </summary>
public sealed record DtlsSrtpResult(ushort SrtpProfileId, byte[] ClientKey, byte[] ClientSalt, byte[] ServerKey, byte[] ServerSalt)
{
    /// <summary>
    /// RFC 5764 §4.2: the exporter (RFC 5705) with label "EXTRACTOR-dtls_srtp" and no context yields
    /// client_write_key | server_write_key | client_write_salt | server_write_salt. Only valid from
    /// BouncyCastle's NotifyHandshakeComplete, which is where the exporter secret is available.
    /// </summary>
    internal static DtlsSrtpResult Export(TlsContext context, ushort profile)
    {
        const int key = DtlsSrtpProfiles.MasterKeyLength;
        int salt = DtlsSrtpProfiles.MasterSaltLength(profile);
        var material = context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (key + salt));
        return new DtlsSrtpResult(profile,
            ClientKey: material[..key],
            ClientSalt: material[(2 * key)..(2 * key + salt)],
            ServerKey: material[key..(2 * key)],
            ServerSalt: material[(2 * key + salt)..]);
    }
}
