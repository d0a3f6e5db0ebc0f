using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Veil.Sidecar.Store;

/// <summary>
/// Where the next page of a listing starts: the (occurred_at, id) of the last event shown, as an
/// opaque base64url token. Keyset paging stays stable when events arrive between pages.
/// </summary>
public sealed record PageCursor(long OccurredAtMs, string Id)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{OccurredAtMs.ToString(CultureInfo.InvariantCulture)}_{Id}"));

    public static bool TryDecode(string token, out PageCursor? cursor)
    {
        cursor = null;
        if (token.Length is 0 or > 400) return false;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(token); }
        catch (FormatException) { return false; }

        var text = Encoding.UTF8.GetString(bytes);
        var split = text.IndexOf('_');
        if (split <= 0 || !long.TryParse(text.AsSpan(0, split), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)) return false;
        var id = text[(split + 1)..];
        if (!EventIds.IsValid(id)) return false;
        cursor = new PageCursor(ms, id);
        return true;
    }
}
