using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

internal static class OutboxAssert
{
    /// <summary>Same id, kind, payload, creation instant and attachments (name, type, bytes, order).</summary>
    public static void SameEntry(OutboxEntry expected, OutboxEntry actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.JsonPayload, actual.JsonPayload);
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.Attachments.Count, actual.Attachments.Count);
        for (var i = 0; i < expected.Attachments.Count; i++)
        {
            Assert.Equal(expected.Attachments[i].Name, actual.Attachments[i].Name);
            Assert.Equal(expected.Attachments[i].ContentType, actual.Attachments[i].ContentType);
            Assert.Equal(expected.Attachments[i].Bytes, actual.Attachments[i].Bytes);
        }
    }

    /// <summary>What the receiver stored is the entry: payload as sent, each attachment as a part with its type and bytes.</summary>
    public static void Received(OutboxEntry expected, ReceivedEvent received)
    {
        Assert.Equal(expected.JsonPayload, received.Json);
        Assert.Equal(expected.Attachments.Count, received.Parts.Count);
        foreach (var attachment in expected.Attachments)
        {
            var (contentType, bytes) = received.Parts[attachment.Name];
            Assert.Equal(attachment.ContentType, contentType);
            Assert.Equal(attachment.Bytes, bytes);
        }
    }

    public static IReadOnlyList<OutboxEntry> PeekAll(EventOutbox outbox) =>
        outbox.TryPeekBatch(100_000, out var all) ? all : [];
}
