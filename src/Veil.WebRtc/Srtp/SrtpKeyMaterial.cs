namespace Veil.WebRtc.Srtp;

/// <summary>
/// Splits the keying material DTLS exports for SRTP (RFC 5764 §4.2), which is laid out as
///
/// <code>
/// client_write_SRTP_master_key[key] | server_write_SRTP_master_key[key] |
/// client_write_SRTP_master_salt[salt] | server_write_SRTP_master_salt[salt]
/// </code>
/// </summary>
public static class SrtpKeyMaterial
{
    /// <summary>The TLS exporter label that yields the material (RFC 5764 §4.2).</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>Bytes to export: 2 × (key + salt) — 60 for AES-CM, 56 for AES-GCM.</summary>
    public static int ExporterLength(SrtpProfile profile) => 2 * (profile.MasterKeyLength() + profile.MasterSaltLength());

    public static SrtpKeys Split(SrtpProfile profile, ReadOnlySpan<byte> material)
    {
        int key = profile.MasterKeyLength(), salt = profile.MasterSaltLength();
        if (material.Length != ExporterLength(profile))
            throw new ArgumentException($"{material.Length} bytes of keying material, {profile} needs {ExporterLength(profile)}", nameof(material));
        return new SrtpKeys(
            ClientKey: material[..key].ToArray(),
            ClientSalt: material.Slice(2 * key, salt).ToArray(),
            ServerKey: material.Slice(key, key).ToArray(),
            ServerSalt: material.Slice(2 * key + salt, salt).ToArray());
    }
}
