namespace Veil.Server.Serve;

/// <summary>A control API request refused: its status and what is wrong, answered as problem+json by <see cref="ControlApiProblems"/>.</summary>
internal sealed class ControlApiException(int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;

    /// <summary>Members added to the problem object beside type, title, status and detail (a JSON error's line, a field's pointer).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}
