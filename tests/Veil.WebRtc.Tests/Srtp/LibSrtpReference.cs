using Veil.WebRtc.Srtp;

namespace Veil.WebRtc.Tests.Srtp;

/// <summary>
/// The master keys of libsrtp's reference-packet tests (test/srtp_driver.c, srtp_validate and
/// srtp_validate_gcm), whose packets are in the corpus and in <see cref="SrtpKnownAnswerTests"/>.
/// </summary>
internal static class LibSrtpReference
{
    public static readonly byte[] CmKey = Convert.FromHexString("e1f97a0d3e018be0d64fa32c06de4139");
    public static readonly byte[] CmSalt = Convert.FromHexString("0ec675ad498afeebb6960b3aabe6");
    public static readonly byte[] GcmKey = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
    public static readonly byte[] GcmSalt = Convert.FromHexString("a0a1a2a3a4a5a6a7a8a9aaab");

    /// <summary>A fresh session for a corpus file, chosen by its "cm-" or "gcm-" prefix.</summary>
    public static SrtpSession SessionFor(string corpusName) =>
        Session(corpusName.StartsWith("gcm-") ? SrtpProfile.AeadAes128Gcm : SrtpProfile.Aes128CmHmacSha1_80);

    public static SrtpSession Session(SrtpProfile profile) => profile == SrtpProfile.AeadAes128Gcm
        ? new SrtpSession(profile, GcmKey, GcmSalt)
        : new SrtpSession(profile, CmKey, CmSalt);
}
