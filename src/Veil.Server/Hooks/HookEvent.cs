using System.Security.Cryptography;
using System.Text.Json;

namespace Veil.Server.Hooks;

/// <summary>
/// One event as every hook gets it: the JSON body is made once, so each attempt and each hook
/// sends the same bytes and the same id (receivers dedupe by it).
/// </summary>
internal sealed record HookEvent(string Id, string Type, string Stream, byte[] Body)
{
    public static HookEvent Create(string type, string stream, IReadOnlyDictionary<string, object?> details, DateTimeOffset time)
    {
        string id = "evt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id, type, stream,
            time = time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ"),
            details,
        });
        return new HookEvent(id, type, stream, body);
    }
}
