namespace Veil.Ingest;

/// <summary>The answer to a <see cref="PublishRequest"/>: a feed to write to, or a refusal with its reason.</summary>
public sealed record PublishOpening
{
    private PublishOpening(IPublishFeed? feed, PublishRefusal refusal, string reason, TimeSpan retryAfter) =>
        (Feed, Refusal, Reason, RetryAfter) = (feed, refusal, reason, retryAfter);

    public IPublishFeed? Feed { get; }
    public PublishRefusal Refusal { get; }
    public string Reason { get; }

    /// <summary>When a throttled address may try again.</summary>
    public TimeSpan RetryAfter { get; }

    public static PublishOpening Accepted(IPublishFeed feed) => new(feed, PublishRefusal.None, "", TimeSpan.Zero);

    public static PublishOpening Refused(PublishRefusal why, string reason, TimeSpan retryAfter = default) => new(null, why, reason, retryAfter);
}
