using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>Our certificate, and SDP fingerprints: formatting, parsing with reasons, matching, and random input.</summary>
public sealed class DtlsFingerprintTests
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate();

    [Fact]
    public void The_generated_certificate_is_ecdsa_p256_sha256_for_30_days_from_yesterday()
    {
        using var x509 = X509CertificateLoader.LoadCertificate(Certificate.Der);
        Assert.Equal("CN=veil", x509.Subject);
        Assert.Equal("1.2.840.10045.4.3.2", x509.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        using var key = x509.GetECDsaPublicKey()!;
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, key.ExportParameters(false).Curve.Oid.Value);
        Assert.InRange(DateTime.UtcNow - x509.NotBefore.ToUniversalTime(), TimeSpan.FromHours(23), TimeSpan.FromHours(25));
        Assert.Equal(TimeSpan.FromDays(30), x509.NotAfter - x509.NotBefore);
        Assert.NotEqual(x509.SerialNumber, X509CertificateLoader.LoadCertificate(DtlsCertificate.Generate().Der).SerialNumber);
    }

    [Fact]
    public void The_fingerprint_is_upper_case_sha_256_of_the_der_as_sdp_writes_it()
    {
        Assert.Matches(new Regex("^sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}$"), Certificate.Fingerprint);
        Assert.Equal(Certificate.Fingerprint, DtlsCertificate.FingerprintOf(Certificate.Der));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Certificate.Der)), Certificate.Fingerprint[8..].Replace(":", ""));
    }

    [Fact]
    public void The_rfc_4572_example_parses_with_its_hash_function_in_upper_case()
    {
        // RFC 4572 §5 (and RFC 8122 §5): a=fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB
        var fingerprint = DtlsFingerprint.Parse("SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        Assert.Equal("sha-1", fingerprint.Algorithm);
        Assert.Equal(Convert.FromHexString("4AADB9B13F82183B540212DF3E5D496B19E57CAB"), fingerprint.Digest.ToArray());
        Assert.Equal("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", fingerprint.ToString());
    }

    [Theory]
    [InlineData("sha-1")]
    [InlineData("sha-256")]
    [InlineData("sha-384")]
    [InlineData("sha-512")]
    public void A_fingerprint_of_each_hash_function_matches_its_certificate_only(string algorithm)
    {
        byte[] digest = algorithm switch
        {
            "sha-1" => SHA1.HashData(Certificate.Der),
            "sha-256" => SHA256.HashData(Certificate.Der),
            "sha-384" => SHA384.HashData(Certificate.Der),
            _ => SHA512.HashData(Certificate.Der),
        };
        var text = $"{algorithm} {string.Join(':', digest.Select(b => b.ToString("x2")))}"; // lower-case hex is tolerated
        var fingerprint = DtlsFingerprint.Parse(text);
        Assert.True(fingerprint.Matches(Certificate.Der));
        Assert.False(fingerprint.Matches(DtlsCertificate.Generate().Der));
    }

    [Theory]
    [InlineData("sha-256", "no space between")]
    [InlineData("md5 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B", "hash function \"md5\" is not sha-1")]
    [InlineData("sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", "a sha-256 fingerprint has 32 bytes")]
    [InlineData("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AG", "byte 20 \"AG\" is not two hex digits")]
    [InlineData("sha-1 4A-AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB", "byte 1 \"4A-\"")]
    public void Malformed_fingerprints_say_what_is_wrong(string value, string expected)
    {
        var e = Assert.Throws<DtlsException>(() => DtlsFingerprint.Parse(value));
        Assert.Equal(DtlsFailure.MalformedFingerprint, e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Random_and_mutated_fingerprints_never_escape_as_anything_but_a_dtls_error()
    {
        var random = new Random(8122);
        var seed = System.Text.Encoding.ASCII.GetBytes(Certificate.Fingerprint);
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = i % 2 == 0 ? Fuzz.RandomBytes(random, random.Next(0, 120)) : Fuzz.Mutate(random, seed);
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            try
            {
                DtlsFingerprint.Parse(text).Matches(Certificate.Der);
            }
            catch (DtlsException e)
            {
                Assert.Equal(DtlsFailure.MalformedFingerprint, e.Reason);
            }
        }
    }
}
