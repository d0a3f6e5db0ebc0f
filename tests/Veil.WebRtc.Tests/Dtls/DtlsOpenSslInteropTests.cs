using System.Diagnostics;
using System.Text.RegularExpressions;
using Veil.WebRtc.Dtls;

namespace Veil.WebRtc.Tests.Dtls;

/// <summary>
/// Veil's DTLS-SRTP server against another implementation: OpenSSL's s_client on a loopback UDP socket,
/// with its own certificate, printing the RFC 5705 keying material it exported for SRTP.
/// </summary>
public sealed partial class DtlsOpenSslInteropTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("veil-dtls-").FullName;

    [Theory]
    [InlineData("ec -pkeyopt ec_paramgen_curve:prime256v1", "SRTP_AES128_CM_SHA1_80", DtlsSrtpProfiles.Aes128CmHmacSha1_80)]
    [InlineData("rsa:2048", "SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM", DtlsSrtpProfiles.AeadAes128Gcm)]
    public async Task Openssl_s_client_exports_the_same_srtp_keying_material_as_we_do(string newKey, string profiles, ushort expectedProfile)
    {
        Run("openssl", $"req -x509 -newkey {newKey} -nodes -keyout k.pem -out c.pem -subj /CN=browser -days 1");
        // "sha256 Fingerprint=AB:CD:..." becomes SDP's "sha-256 AB:CD:...".
        var opensslFingerprint = Run("openssl", "x509 -in c.pem -noout -fingerprint -sha256").Trim().Split('=')[1];
        var expectedClient = DtlsFingerprint.Parse($"sha-256 {opensslFingerprint}");
        var certificate = DtlsCertificate.Generate();

        using var pump = new LoopbackUdpPump();
        var accept = DtlsSrtpServer.AcceptAsync(pump.Channel, certificate, expectedClient, TimeSpan.FromSeconds(5), CancellationToken.None);
        int saltLength = expectedProfile == DtlsSrtpProfiles.AeadAes128Gcm ? 12 : 14;
        using var client = Start("openssl", $"s_client -dtls1_2 -connect 127.0.0.1:{pump.Port} -use_srtp {profiles} -cert c.pem -key k.pem " +
            $"-keymatexport EXTRACTOR-dtls_srtp -keymatexportlen {2 * (16 + saltLength)}");
        try
        {
            var output = await ReadUntilKeyingMaterialAsync(client, TimeSpan.FromSeconds(5));
            await using var session = await accept;

            var keys = session.Srtp;
            Assert.Equal(expectedProfile, keys.SrtpProfileId);
            var exported = KeyingMaterialLine().Match(output[^1]).Groups[1].Value;
            Assert.Equal(Convert.ToHexString([.. keys.ClientKey, .. keys.ServerKey, .. keys.ClientSalt, .. keys.ServerSalt]), exported);

            // The certificate s_client received has, by OpenSSL's count, the fingerprint we put in our SDP.
            int begin = output.IndexOf("-----BEGIN CERTIFICATE-----"), end = output.IndexOf("-----END CERTIFICATE-----");
            File.WriteAllLines(Path.Combine(_directory, "server.pem"), output[begin..(end + 1)]);
            Assert.Equal($"sha256 Fingerprint={certificate.Fingerprint["sha-256 ".Length..]}", Run("openssl", "x509 -in server.pem -noout -fingerprint -sha256").Trim());

            client.StandardInput.Close(); // s_client answers the end of its input with close_notify
            Assert.Equal("the peer sent close_notify", await session.Closed.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            if (!client.HasExited) client.Kill();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>What s_client prints up to its "Keying material:" line, which it prints once the handshake is done.</summary>
    private static async Task<List<string>> ReadUntilKeyingMaterialAsync(Process client, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var output = new List<string>();
        try
        {
            while (await client.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
            {
                output.Add(line);
                if (KeyingMaterialLine().IsMatch(line)) return output;
            }
        }
        catch (OperationCanceledException)
        {
            client.Kill();
        }
        throw new Xunit.Sdk.XunitException($"s_client printed no keying material within {timeout}:\n{string.Join('\n', output)}\n{await client.StandardError.ReadToEndAsync()}");
    }

    private string Run(string program, string arguments)
    {
        using var process = Start(program, arguments);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {arguments} failed: {stderr.Result}");
        return stdout.Result;
    }

    private Process Start(string program, string arguments) =>
        Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = _directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;

    [GeneratedRegex("Keying material: ([0-9A-F]+)")]
    private static partial Regex KeyingMaterialLine();
}
