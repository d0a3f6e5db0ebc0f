namespace Veil.Violations.Outbox;

/// <summary>
/// One piece of anonymized media sent with an event, e.g. <c>("snapshot", "image/jpeg", jpeg)</c> or
/// <c>("clip", "video/mp4", mp4)</c>. <see cref="Name"/> becomes the multipart part name the sidecar reads.
/// </summary>
public sealed record OutboxAttachment(string Name, string ContentType, byte[] Bytes);
