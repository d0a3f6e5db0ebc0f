using System.Globalization;

namespace Veil.WebRtc.Sdp;

/// <summary>
/// <c>a=fingerprint:&lt;hash function&gt; &lt;hex pairs joined by ':'&gt;</c> (RFC 8122 §5, used by RFC 8842):
/// the digest of the certificate the peer will present in the DTLS handshake.
/// </summary>
public sealed class DtlsFingerprint
{
    private DtlsFingerprint(string hashFunction, byte[] digest)
    {
        HashFunction = hashFunction;
        Digest = digest;
    }

    /// <summary>Lower case, as registered: "sha-256", "sha-1", ...</summary>
    public string HashFunction { get; }

    public byte[] Digest { get; }

    public bool IsSha256 => HashFunction == "sha-256";

    public bool Matches(ReadOnlySpan<byte> certificateDigest) => certificateDigest.SequenceEqual(Digest);

    /// <summary>The attribute value: "sha-256 AB:CD:...", upper-case hex as RFC 8122 asks.</summary>
    public override string ToString() => $"{HashFunction} {string.Join(':', Digest.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)))}";

    public static DtlsFingerprint FromDigest(string hashFunction, byte[] digest)
    {
        if (digest.Length == 0) throw new ArgumentException("a fingerprint digest is not empty", nameof(digest));
        return new DtlsFingerprint(hashFunction.ToLowerInvariant(), digest);
    }

    /// <summary>Parses an attribute value; false with the reason when it is not one.</summary>
    public static bool TryParse(string value, out DtlsFingerprint? fingerprint, out string reason)
    {
        fingerprint = null;
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            reason = $"a=fingerprint '{value}' is not '<hash function> <hex:hex:...>'";
            return false;
        }
        string function = parts[0].ToLowerInvariant();
        var pairs = parts[1].Split(':');
        var digest = new byte[pairs.Length];
        for (int i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Length != 2 || !byte.TryParse(pairs[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out digest[i]))
            {
                reason = $"a=fingerprint byte '{pairs[i]}' is not two hex digits";
                return false;
            }
        }
        int? expected = function switch { "sha-1" => 20, "sha-224" => 28, "sha-256" => 32, "sha-384" => 48, "sha-512" => 64, _ => null };
        if (expected is { } length && digest.Length != length)
        {
            reason = $"a=fingerprint {function} has {digest.Length} bytes, expected {length}";
            return false;
        }
        fingerprint = new DtlsFingerprint(function, digest);
        reason = "";
        return true;
    }
}
