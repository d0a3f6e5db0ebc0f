using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>
/// Turns an <see cref="EventFilter"/> into a WHERE clause over <c>events e</c>. The clause is made
/// only of fixed fragments; every value travels as a bound parameter.
/// </summary>
internal static class FilterSql
{
    public static string Where(EventFilter filter, DynamicParameters parameters)
    {
        var clauses = new List<string>();
        if (filter.Camera is not null)
        {
            clauses.Add("e.camera = @f_camera");
            parameters.Add("f_camera", filter.Camera);
        }
        if (filter.Kind is not null)
        {
            clauses.Add("e.kind = @f_kind");
            parameters.Add("f_kind", filter.Kind);
        }
        if (filter.Cameras is { } cameras)
        {
            clauses.Add(cameras.Count == 0 ? "1 = 0" : $"e.camera IN ({string.Join(", ", cameras.Select((camera, i) =>
            {
                parameters.Add($"f_cameras{i}", camera);
                return $"@f_cameras{i}";
            }))})");
        }
        if (filter.Statuses.Count == 0) throw new ArgumentException("a filter needs at least one status", nameof(filter));
        var statuses = filter.Statuses.Distinct().Select((status, i) =>
        {
            parameters.Add($"f_status{i}", status.ToName());
            return $"@f_status{i}";
        });
        clauses.Add($"e.status IN ({string.Join(", ", statuses)})");
        if (filter.From is { } from)
        {
            clauses.Add("e.occurred_at >= @f_from");
            parameters.Add("f_from", UnixTime.Ms(from));
        }
        if (filter.To is { } to)
        {
            clauses.Add("e.occurred_at < @f_to");
            parameters.Add("f_to", UnixTime.Ms(to));
        }
        if (filter.Box is { } box)
        {
            clauses.Add("e.latitude BETWEEN @f_min_lat AND @f_max_lat AND e.longitude BETWEEN @f_min_lon AND @f_max_lon");
            parameters.Add("f_min_lat", box.MinLatitude);
            parameters.Add("f_max_lat", box.MaxLatitude);
            parameters.Add("f_min_lon", box.MinLongitude);
            parameters.Add("f_max_lon", box.MaxLongitude);
        }
        if (filter.Place is not null)
        {
            clauses.Add(@"EXISTS (SELECT 1 FROM cameras pc WHERE pc.name = e.camera AND lower(pc.address) LIKE @f_place ESCAPE '\')");
            parameters.Add("f_place", "%" + EscapeLike(filter.Place.ToLowerInvariant()) + "%");
        }
        return "WHERE " + string.Join(" AND ", clauses);
    }

    /// <summary>A substring taken literally by LIKE: its own % and _ (and the escape character) escaped.</summary>
    private static string EscapeLike(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
}
