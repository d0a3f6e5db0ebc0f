using System.Globalization;
using Microsoft.AspNetCore.Http;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Api;

/// <summary>
/// Query-string parameters, checked one by one: a value that is not what the parameter means is a
/// 400 naming it, never passed on. The public sees approved events only, whatever status it asks for.
/// </summary>
internal static class QueryParameters
{
    public const int DefaultLimit = 50;
    private const int MaxPlaceLength = 200;

    /// <summary>camera, kind, status (comma list; admins only), from, to, bbox, place.</summary>
    public static EventFilter Filter(HttpRequest request, bool admin, IReadOnlyList<EventStatus> adminDefault)
    {
        var query = request.Query;
        var camera = Single(query, "camera");
        if (camera is not null && !FieldRules.IsCamera(camera)) throw Bad("camera", "1-100 printable characters");
        var kind = Single(query, "kind");
        if (kind is not null && !FieldRules.IsKind(kind)) throw Bad("kind", "1-64 of A-Z a-z 0-9 _ . -");
        var from = Time(query, "from");
        var to = Time(query, "to");
        if (from is not null && to is not null && from >= to) throw ApiException.BadRequest("from must be before to");
        var place = Single(query, "place");
        if (place is not null && (place.Length is 0 or > MaxPlaceLength || place.Any(char.IsControl)))
            throw Bad("place", $"1-{MaxPlaceLength} printable characters of a camera address");
        return new EventFilter
        {
            Camera = camera,
            Kind = kind,
            Statuses = admin ? Statuses(Single(query, "status")) ?? adminDefault : [EventStatus.Approved],
            From = from,
            To = to,
            Box = Box(Single(query, "bbox")),
            Place = place,
        };
    }

    public static int Limit(HttpRequest request)
    {
        var text = Single(request.Query, "limit");
        if (text is null) return DefaultLimit;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= SqlEventStore.MaxPageSize
            ? limit : throw Bad("limit", $"an integer from 1 to {SqlEventStore.MaxPageSize}");
    }

    public static PageCursor? Cursor(HttpRequest request)
    {
        var text = Single(request.Query, "cursor");
        if (text is null) return null;
        return PageCursor.TryDecode(text, out var cursor) ? cursor : throw Bad("cursor", "a next_cursor from a previous page");
    }

    /// <summary>tz: a fixed UTC offset, "+02:00", "-05:30" or "Z" (a "+" sent unencoded arrives as a space).</summary>
    public static TimeSpan UtcOffset(HttpRequest request)
    {
        var text = Single(request.Query, "tz");
        if (text is null || text is "Z" or "UTC") return TimeSpan.Zero;
        if (text.StartsWith(' ')) text = "+" + text[1..];
        if (text.Length == 6 && text[0] is '+' or '-' && text[3] == ':'
            && int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && minutes < 60 && hours * 60 + minutes <= 14 * 60)
        {
            var offset = new TimeSpan(hours, minutes, 0);
            return text[0] == '-' ? -offset : offset;
        }
        throw Bad("tz", "a UTC offset such as +02:00, -05:30 or Z");
    }

    private static IReadOnlyList<EventStatus>? Statuses(string? text)
    {
        if (text is null) return null;
        if (text == "all") return Enum.GetValues<EventStatus>();
        var statuses = new List<EventStatus>();
        foreach (var name in text.Split(','))
        {
            if (!EventStatusNames.TryParse(name, out var status)) throw Bad("status", "pending, approved, rejected, deleted, a comma list of them, or all");
            statuses.Add(status);
        }
        return statuses;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = Single(query, name);
        if (text is null) return null;
        return ApiTime.TryParse(text, out var time) ? time : throw Bad(name, $"an ISO 8601 time or date between {ApiTime.FirstYear} and {ApiTime.LastYear}");
    }

    private static GeoBox? Box(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',');
        var numbers = new double[4];
        var valid = parts.Length == 4 && parts.Select((p, i) =>
            double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok);
        var box = new GeoBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (!valid || !new GeoPoint(box.MinLatitude, box.MinLongitude).IsValid || !new GeoPoint(box.MaxLatitude, box.MaxLongitude).IsValid
            || box.MinLongitude > box.MaxLongitude || box.MinLatitude > box.MaxLatitude)
            throw Bad("bbox", "minLon,minLat,maxLon,maxLat in degrees, min before max");
        return box;
    }

    /// <summary>The parameter's value (empty counts as absent); given twice is an error rather than a guess.</summary>
    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0) return null;
        if (values.Count > 1) throw ApiException.BadRequest($"query parameter '{name}' is given more than once");
        return string.IsNullOrEmpty(values[0]) ? null : values[0]; // an empty form field means "any"
    }

    private static ApiException Bad(string name, string expected) => ApiException.BadRequest($"query parameter '{name}' must be {expected}");
}
