using System.Globalization;
using System.Text;

namespace Veil.Sidecar.Export;

/// <summary>
/// RFC 4180 records: fields separated by commas, records ended by CRLF, text fields in double quotes
/// (inner quotes doubled), numbers and times bare, a missing value empty. A text field that a
/// spreadsheet would read as a formula (starting with = + - @ tab or CR) gets a leading single quote.
/// </summary>
internal static class CsvFormat
{
    public static void AppendHeader(StringBuilder line)
    {
        for (var i = 0; i < ExportRow.Headers.Count; i++) Text(line, ExportRow.Headers[i], first: i == 0);
        line.Append("\r\n");
    }

    public static void AppendRow(StringBuilder line, ExportRow row)
    {
        Text(line, row.Id, first: true);
        Bare(line, row.TimeUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Text(line, row.Camera);
        Text(line, row.Kind);
        Text(line, row.Status);
        Number(line, row.Latitude);
        Number(line, row.Longitude);
        Number(line, row.Confidence);
        Text(line, row.Zone);
        Number(line, row.SpeedKmh);
        Number(line, row.Heading);
        Bare(line, row.Riders?.ToString(CultureInfo.InvariantCulture));
        Text(line, row.SnapshotUrl);
        line.Append("\r\n");
    }

    /// <summary>The text a spreadsheet shows for <paramref name="text"/> without evaluating it.</summary>
    public static string Defused(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void Text(StringBuilder line, string? text, bool first = false)
    {
        if (!first) line.Append(',');
        if (text is null) return;
        line.Append('"').Append(Defused(text).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static void Number(StringBuilder line, double? value) => Bare(line, value?.ToString("R", CultureInfo.InvariantCulture));

    private static void Bare(StringBuilder line, string? value) => line.Append(',').Append(value);
}
