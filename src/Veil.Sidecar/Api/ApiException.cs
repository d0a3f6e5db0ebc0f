namespace Veil.Sidecar.Api;

/// <summary>A request the API refuses: the status code and the reason the client sees as <c>{ "error": "..." }</c>.</summary>
internal sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ApiException BadRequest(string message) => new(400, message);

    public static ApiException NotFound(string message) => new(404, message);
}
