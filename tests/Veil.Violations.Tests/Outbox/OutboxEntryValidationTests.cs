using Veil.Violations.Outbox;

namespace Veil.Violations.Tests.Outbox;

public sealed class OutboxEntryValidationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string, string> Malformed => new()
    {
        { "payload-without-id", "whose \"id\" is" },
        { "payload-other-id", "whose \"id\" is" },
        { "payload-not-json", "not valid JSON" },
        { "payload-array", "whose \"id\" is" },
        { "id-with-slash", "is not valid" },
        { "id-empty", "is not valid" },
        { "no-kind", "has no kind" },
        { "attachment-named-event", "two parts named \"event\"" },
        { "attachments-same-name", "two parts named \"clip\"" },
        { "attachment-empty", "is empty" },
        { "attachment-bad-type", "invalid content type" },
        { "attachment-bad-name", "needs a name" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_entry_is_refused_at_enqueue_with_the_reason(string caseName, string expectedReason)
    {
        using var outbox = EventOutbox.Open(_directory.Path);

        var error = Assert.ThrowsAny<ArgumentException>(() => outbox.Enqueue(Build(caseName)));

        Assert.Contains(expectedReason, error.Message);
        Assert.Equal(0, outbox.Pending);
    }

    private static OutboxEntry Build(string caseName)
    {
        var good = TestEntries.Create("ok-1");
        var clip = good.Attachments[1];
        return caseName switch
        {
            "payload-without-id" => good with { JsonPayload = """{"camera":"cam-1"}""" },
            "payload-other-id" => good with { JsonPayload = """{"id":"ok-2"}""" },
            "payload-not-json" => good with { JsonPayload = """{"id":"ok-1",""" },
            "payload-array" => good with { JsonPayload = """["ok-1"]""" },
            "id-with-slash" => good with { Id = "../ok-1" },
            "id-empty" => good with { Id = "" },
            "no-kind" => good with { Kind = " " },
            "attachment-named-event" => good with { Attachments = [clip with { Name = "event" }] },
            "attachments-same-name" => good with { Attachments = [clip, clip] },
            "attachment-empty" => good with { Attachments = [clip with { Bytes = [] }] },
            "attachment-bad-type" => good with { Attachments = [clip with { ContentType = "not a type" }] },
            "attachment-bad-name" => good with { Attachments = [clip with { Name = "clip\"; x=\"y" }] },
            _ => throw new ArgumentOutOfRangeException(nameof(caseName), caseName, "no such case"),
        };
    }
}
