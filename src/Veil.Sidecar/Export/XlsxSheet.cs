using ClosedXML.Excel;
using Veil.Sidecar.Api;

namespace Veil.Sidecar.Export;

/// <summary>
/// The XLSX export: one sheet "events" with typed cells (text as text, never a formula; times as real
/// date cells in UTC; numbers as numbers), a styled header row that stays frozen, and an autofilter.
/// ClosedXML builds the whole workbook in memory (about 1 GB at 100,000 rows), so a sheet holds at most <see cref="MaxRows"/>.
/// </summary>
internal sealed class XlsxSheet : IDisposable
{
    public const int MaxRows = 50_000;
    public const string SheetName = "events";
    public const string TimeFormat = "yyyy-mm-dd hh:mm:ss.000";
    private static readonly double[] Widths = [28, 24, 16, 16, 10, 11, 11, 11, 16, 10, 9, 7, 60];

    private readonly XLWorkbook _workbook = new();
    private readonly IXLWorksheet _sheet;
    private int _rows;

    public XlsxSheet()
    {
        _sheet = _workbook.Worksheets.Add(SheetName);
        for (var c = 0; c < ExportRow.Headers.Count; c++)
        {
            _sheet.Cell(1, c + 1).SetValue(ExportRow.Headers[c]);
            _sheet.Column(c + 1).Width = Widths[c];
        }
        _sheet.Column(2).Style.DateFormat.Format = TimeFormat;
        var header = _sheet.Row(1).Style;
        header.Font.Bold = true;
        header.Font.FontColor = XLColor.White;
        header.Fill.BackgroundColor = XLColor.FromHtml("#34495E");
        _sheet.SheetView.FreezeRows(1);
    }

    public void Add(ExportRow row)
    {
        if (_rows == MaxRows)
            throw ApiException.BadRequest($"the filter selects more than {MaxRows} events, too many for one XLSX sheet: narrow it or use export.csv");
        var r = ++_rows + 1;
        Text(r, 1, row.Id);
        _sheet.Cell(r, 2).SetValue(row.TimeUtc);
        Text(r, 3, row.Camera);
        Text(r, 4, row.Kind);
        Text(r, 5, row.Status);
        Number(r, 6, row.Latitude);
        Number(r, 7, row.Longitude);
        Number(r, 8, row.Confidence);
        Text(r, 9, row.Zone);
        Number(r, 10, row.SpeedKmh);
        Number(r, 11, row.Heading);
        Number(r, 12, row.Riders);
        Text(r, 13, row.SnapshotUrl);
    }

    public void SaveAs(Stream stream)
    {
        _sheet.Range(1, 1, _rows + 1, ExportRow.Headers.Count).SetAutoFilter();
        _workbook.SaveAs(stream);
    }

    public void Dispose() => _workbook.Dispose();

    /// <summary>SetValue stores a string as text: unlike the Value setter it never turns "=…" into a formula.</summary>
    private void Text(int row, int column, string? text)
    {
        if (text is not null) _sheet.Cell(row, column).SetValue(text);
    }

    private void Number(int row, int column, double? value)
    {
        if (value is { } number) _sheet.Cell(row, column).SetValue(number);
    }
}
