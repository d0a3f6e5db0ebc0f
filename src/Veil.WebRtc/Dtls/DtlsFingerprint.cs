using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Veil.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as SDP carries it, which authenticates the DTLS peer (RFC 8122 §5, RFC 5763 §5).
/// </summary>
/// <remarks>
/// <code>
/// a=fingerprint:sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3F:...
///               ^hash-func ^ one space, then 2 hex digits per digest byte, ':'-separated
/// </code>
/// The RFC asks for upper-case hex; lower case is accepted too. Hash functions: sha-1, sha-256,
/// sha-384, sha-512 (the ones browsers use; md5/md2/sha-224 are refused).
/// </remarks>
public sealed class DtlsFingerprint
{
    private DtlsFingerprint(string algorithm, byte[] digest)
    {
        Algorithm = algorithm;
        Digest = digest;
    }

    /// <summary>The hash function, lower case: "sha-256".</summary>
    public string Algorithm { get; }

    public ReadOnlyMemory<byte> Digest { get; }

    /// <summary>The SHA-256 fingerprint of a DER certificate.</summary>
    public static DtlsFingerprint Of(ReadOnlySpan<byte> certificateDer) => Of("sha-256", certificateDer);

    /// <summary>The fingerprint with another hash function, to show a peer's certificate the way its SDP did.</summary>
    internal static DtlsFingerprint Of(string algorithm, ReadOnlySpan<byte> certificateDer) => new(algorithm, Hash(algorithm, certificateDer));

    /// <summary>Reads an <c>a=fingerprint</c> value ("sha-256 AB:CD:..."); a malformed one is a <see cref="DtlsException"/>.</summary>
    public static DtlsFingerprint Parse(string sdpValue) =>
        TryParse(sdpValue, out var fingerprint, out var reason)
            ? fingerprint
            : throw new DtlsException(DtlsFailure.MalformedFingerprint, reason);

    public static bool TryParse(string sdpValue, [NotNullWhen(true)] out DtlsFingerprint? fingerprint, out string reason)
    {
        fingerprint = null;
        var text = sdpValue.AsSpan().Trim();
        int space = text.IndexOf(' ');
        if (space < 0)
        {
            reason = $"fingerprint \"{sdpValue}\" has no space between the hash function and the digest";
            return false;
        }
        string algorithm = text[..space].ToString().ToLowerInvariant();
        if (DigestLength(algorithm) is not { } expectedLength)
        {
            reason = $"fingerprint hash function \"{algorithm}\" is not sha-1, sha-256, sha-384 or sha-512";
            return false;
        }
        var hex = text[(space + 1)..].Trim();
        // n bytes take 3n - 1 characters: "AB:CD".
        if (hex.Length != 3 * expectedLength - 1)
        {
            reason = $"a {algorithm} fingerprint has {expectedLength} bytes (\"XX:\" x {expectedLength}, {3 * expectedLength - 1} characters), not {hex.Length} characters";
            return false;
        }
        var digest = new byte[expectedLength];
        for (int i = 0; i < expectedLength; i++)
        {
            var pair = hex.Slice(3 * i, 2);
            bool separatorOk = i == expectedLength - 1 || hex[3 * i + 2] == ':';
            if (!separatorOk || !byte.TryParse(pair, NumberStyles.AllowHexSpecifier, null, out digest[i]))
            {
                reason = $"fingerprint byte {i + 1} \"{hex.Slice(3 * i, Math.Min(3, hex.Length - 3 * i))}\" is not two hex digits (and a ':' between bytes)";
                return false;
            }
        }
        fingerprint = new DtlsFingerprint(algorithm, digest);
        reason = "";
        return true;
    }

    /// <summary>True when <paramref name="certificateDer"/> hashes to this fingerprint (compared in constant time).</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer) =>
        CryptographicOperations.FixedTimeEquals(Hash(Algorithm, certificateDer), Digest.Span);

    /// <summary>"sha-256 AB:CD:...", as written in SDP.</summary>
    public override string ToString() => $"{Algorithm} {string.Join(':', Digest.ToArray().Select(b => b.ToString("X2")))}";

    private static int? DigestLength(string algorithm) => algorithm switch
    {
        "sha-1" => 20,
        "sha-256" => 32,
        "sha-384" => 48,
        "sha-512" => 64,
        _ => null,
    };

    private static byte[] Hash(string algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        "sha-1" => SHA1.HashData(data),
        "sha-256" => SHA256.HashData(data),
        "sha-384" => SHA384.HashData(data),
        "sha-512" => SHA512.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a fingerprint hash function we support"),
    };
}
