using System.Net;
using System.Text.Json.Nodes;

namespace Veil.Sidecar.Tests.Fixtures;

/// <summary>Reading the sidecar's answers in tests: the body as JSON, and error answers checked for a reason and no stack trace.</summary>
internal static class ApiResponses
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
    }

    /// <summary>An error answer: the status, JSON {"error": …} mentioning <paramref name="reason"/>, and nothing like a stack trace.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string reason)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
            var error = (string?)JsonNode.Parse(text)?["error"];
            Assert.NotNull(error);
            Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(" at Veil.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
