namespace Veil.Violations.Tests.Outbox;

/// <summary>What the test receiver stored for one event: the "event" part and every file part by name.</summary>
internal sealed record ReceivedEvent(string Id, string Json, IReadOnlyDictionary<string, (string ContentType, byte[] Bytes)> Parts);
