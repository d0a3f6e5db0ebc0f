using System.Text.Json;
using System.Text.Json.Serialization;

namespace Veil.Sidecar.Api;

/// <summary>JSON as the API speaks it: snake_case names; input is strict (unknown fields, wrong types and missing required fields are errors).</summary>
internal static class SidecarJson
{
    public static readonly JsonSerializerOptions Output = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    /// <summary>Parses <paramref name="json"/> or throws a 400 that says what (<paramref name="what"/>) was wrong and where.</summary>
    public static T Parse<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Strict) ?? throw ApiException.BadRequest($"{what} is null");
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"{what} is not valid: {e.Message}");
        }
    }

    /// <summary>Reads a JSON request body of at most <paramref name="maxBytes"/> and parses it.</summary>
    public static async Task<T> ReadBodyAsync<T>(Microsoft.AspNetCore.Http.HttpRequest request, string what, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw ApiException.BadRequest($"{what} must be sent as application/json");
        if (request.ContentLength > maxBytes) throw ApiException.BadRequest($"{what} is larger than the {maxBytes} bytes allowed");
        var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > maxBytes) throw ApiException.BadRequest($"{what} is larger than the {maxBytes} bytes allowed");
        return Parse<T>(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), what);
    }
}
