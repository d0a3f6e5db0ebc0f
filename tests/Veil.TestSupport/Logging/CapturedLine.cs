using Microsoft.Extensions.Logging;

namespace Veil.TestSupport.Logging;

/// <summary>One line a <see cref="CapturingLogger"/> took: its level, event id, text as a console shows it, and named fields.</summary>
public sealed record CapturedLine(LogLevel Level, EventId Id, string Text, IReadOnlyDictionary<string, object?> Fields);
