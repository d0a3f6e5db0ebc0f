using System.Text;
using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox.CrashWriter;

/// <summary>
/// The entries the crash writer enqueues, derived from their number alone so the test can rebuild
/// each one and compare it byte for byte with what it finds after the crash.
/// </summary>
public static class CrashEntries
{
    public static string IdOf(int number) => $"crash-{number:D6}";

    public static OutboxEntry Create(int number)
    {
        var id = IdOf(number);
        var payload = $$"""{"id":"{{id}}","camera":"crash-cam","kind":"tandem_riding","number":{{number}}}""";
        // 64 to 320 KiB, so a kill often lands in the middle of a multi-page write.
        var clip = new byte[(64 + number % 5 * 64) * 1024];
        new Random(number).NextBytes(clip);
        var snapshot = Encoding.ASCII.GetBytes($"snapshot of {id}");
        return new OutboxEntry(id, "tandem_riding", payload,
            [new OutboxAttachment("snapshot", "image/jpeg", snapshot), new OutboxAttachment("clip", "video/mp4", clip)],
            DateTimeOffset.UnixEpoch.AddSeconds(number));
    }
}
