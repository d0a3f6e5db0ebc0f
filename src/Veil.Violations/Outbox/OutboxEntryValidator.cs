using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Veil.Violations.Outbox;

/// <summary>
/// Refuses at enqueue time what the sidecar would refuse later, so a caller's bug shows up at its
/// own call site instead of as a dead letter hours later.
/// </summary>
internal static class OutboxEntryValidator
{
    // Ids travel in URLs and log lines; the rules' ids are hex digests.
    private const int MaxIdLength = 128;

    /// <summary>Checks the entry and returns the bytes it will occupy (payload plus attachments).</summary>
    public static long ValidateAndMeasure(OutboxEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ValidateId(entry.Id);
        if (string.IsNullOrWhiteSpace(entry.Kind)) throw new ArgumentException($"event {entry.Id} has no kind", nameof(entry));
        ValidatePayload(entry);
        long size = Encoding.UTF8.GetByteCount(entry.JsonPayload);
        var names = new HashSet<string>(StringComparer.Ordinal) { "event" };
        foreach (var attachment in entry.Attachments ?? throw new ArgumentException($"event {entry.Id} has a null attachment list", nameof(entry)))
        {
            ValidateAttachment(entry.Id, attachment, names);
            size += attachment.Bytes.Length;
        }
        return size;
    }

    private static void ValidateId(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || !id.All(IsIdChar))
            throw new ArgumentException(
                $"event id \"{id}\" is not valid: it needs 1 to {MaxIdLength} characters among letters, digits, '-', '_', '.' and ':'", nameof(id));
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';

    private static void ValidatePayload(OutboxEntry entry)
    {
        if (entry.JsonPayload is null) throw new ArgumentException($"event {entry.Id} has no JSON payload", nameof(entry));
        try
        {
            using var document = JsonDocument.Parse(entry.JsonPayload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id)
                || id.ValueKind != JsonValueKind.String
                || id.GetString() != entry.Id)
                throw new ArgumentException(
                    $"the payload of event {entry.Id} must be a JSON object whose \"id\" is \"{entry.Id}\": the sidecar dedupes by that id", nameof(entry));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"the payload of event {entry.Id} is not valid JSON: {e.Message}", nameof(entry), e);
        }
    }

    private static void ValidateAttachment(string entryId, OutboxAttachment attachment, HashSet<string> names)
    {
        if (attachment is null) throw new ArgumentException($"event {entryId} has a null attachment");
        if (string.IsNullOrEmpty(attachment.Name) || !attachment.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"attachment \"{attachment.Name}\" of event {entryId} needs a name of letters, digits, '-' or '_' (it names a form part)");
        if (!names.Add(attachment.Name))
            throw new ArgumentException($"event {entryId} has two parts named \"{attachment.Name}\" (\"event\" is the payload's)");
        if (!MediaTypeHeaderValue.TryParse(attachment.ContentType, out _))
            throw new ArgumentException($"attachment \"{attachment.Name}\" of event {entryId} has an invalid content type \"{attachment.ContentType}\"");
        if (attachment.Bytes is null || attachment.Bytes.Length == 0)
            throw new ArgumentException($"attachment \"{attachment.Name}\" of event {entryId} is empty");
    }
}
