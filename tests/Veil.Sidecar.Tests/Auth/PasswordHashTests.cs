using Veil.Sidecar.Auth;

namespace Veil.Sidecar.Tests.Auth;

public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_is_pbkdf2_sha256_with_its_iterations_a_16_byte_salt_and_a_32_byte_hash()
    {
        var hash = PasswordHash.Hash("correct horse battery");

        var parts = hash.Split('$');
        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.True(int.Parse(parts[1]) >= 210_000, parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(hash, PasswordHash.Hash("correct horse battery")); // a fresh salt each time
    }

    [Fact]
    public void Verification_accepts_the_password_only()
    {
        var hash = PasswordHash.Hash("correct horse battery");

        Assert.True(PasswordHash.Verify("correct horse battery", hash));
        Assert.False(PasswordHash.Verify("correct horse batterY", hash));
        Assert.False(PasswordHash.Verify("", hash));
        Assert.False(PasswordHash.VerifyNobody("correct horse battery"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text password")]
    [InlineData("md5$1000$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$1$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$999999999$c2FsdHNhbHRzYWx0c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==$c2hvcnQ=")]
    [InlineData("pbkdf2-sha256$210000$c2FsdA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void A_malformed_stored_hash_never_verifies(string stored) => Assert.False(PasswordHash.Verify("anything", stored));
}
