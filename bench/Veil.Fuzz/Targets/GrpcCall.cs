using Veil.Fuzz.Fakes;
using Veil.Protos;

namespace Veil.Fuzz.Targets;

/// <summary>How one fuzzed Publish call ended: its refusal (null when it was taken) and the status's words, what the feed got, what the publisher was told.</summary>
public sealed record GrpcCall(string? Refusal, string Detail, MemoryFeed Feed, IReadOnlyList<PublishReply> Replies);
