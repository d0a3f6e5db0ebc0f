using System.Globalization;
using System.Text;
using Veil.Sidecar.Store;

namespace Veil.Sidecar.Export;

/// <summary>
/// The download's file name: "veil-events", the camera and kind filtered on, the time of the export,
/// the extension. Of a filter value only A-Z a-z 0-9 _ - survive (anything else becomes "_"), so it cannot
/// break out of the Content-Disposition header or name a path.
/// </summary>
internal static class ExportFileName
{
    private const int MaxPartLength = 40;

    public static string For(EventFilter filter, DateTimeOffset now, string extension)
    {
        var name = new StringBuilder("veil-events");
        foreach (var part in new[] { filter.Camera, filter.Kind })
        {
            if (part is not null) name.Append('-').Append(Safe(part));
        }
        name.Append('-').Append(now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)).Append('.').Append(extension);
        return name.ToString();
    }

    public static string ContentDisposition(string fileName) => $"attachment; filename=\"{fileName}\"";

    private static string Safe(string part)
    {
        var safe = new string(part.Take(MaxPartLength).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        return safe.Trim('_', '-', '.') is { Length: > 0 } trimmed ? trimmed : "_";
    }
}
