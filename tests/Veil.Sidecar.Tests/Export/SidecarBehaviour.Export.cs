using System.Globalization;
using System.Net;
using System.Text;
using ClosedXML.Excel;
using Veil.Sidecar.Tests.Export;
using Veil.Sidecar.Tests.Fixtures;

namespace Veil.Sidecar.Tests.Api;

/// <summary>CSV and XLSX exports of the filtered list, on both engines (the partial runs with the rest of SidecarBehaviour).</summary>
public abstract partial class SidecarBehaviour
{
    private static readonly string[] ExportHeaders =
        ["id", "time_utc", "camera", "kind", "status", "latitude", "longitude", "confidence", "zone", "speed_kmh", "heading", "riders", "snapshot_url"];

    [Fact]
    public async Task Csv_export_parses_back_to_exactly_the_filtered_rows_with_every_field()
    {
        var items = Dataset.Make(90, seed: 11);
        await Sidecar.AdminAsync(HttpMethod.Put, "/api/cameras", new StringContent(Dataset.CameraRows, Encoding.UTF8, "application/json"));
        await Sidecar.SeedAsync(items.Select(i => i.ArchiveLine()));
        var approved = items.Where(i => i.Status == "approved").ToList();

        var (disposition, all) = await ExportCsvAsync("");
        Assert.Matches(@"^attachment; filename=""veil-events-\d{8}T\d{6}Z\.csv""$", disposition);
        Assert.Equal(ExportHeaders, all[0].Select(f => f.Text));
        Assert.True(all.Skip(1).All(r => r.Count == ExportHeaders.Length));
        Assert.Equal(Dataset.Ordered(approved), Ids(all));
        foreach (var row in all.Skip(1))
        {
            var item = items.Single(i => i.Id == row[0].Text);
            Assert.Equal(item.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), row[1].Text);
            Assert.Equal([item.Camera, item.Kind, "approved"], row.Skip(2).Take(3).Select(f => f.Text));
            Assert.Equal(item.Lat?.ToString("R", CultureInfo.InvariantCulture) ?? "", row[5].Text);
            Assert.Equal(item.Lon?.ToString("R", CultureInfo.InvariantCulture) ?? "", row[6].Text);
            Assert.Equal(("0.9", false), row[7]);
            Assert.Equal(("sidewalk", true), row[8]);
            Assert.Equal(("23.5", false), row[9]);
            Assert.Equal([("", false), ("", false), ("", false)], row.Skip(10));
        }

        var from = Samples.Monday.AddDays(3);
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Camera == "cam-a" && i.Kind == "speeding" && i.Time >= from)),
            Ids((await ExportCsvAsync("camera=cam-a&kind=speeding&from=2025-06-05")).Rows));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Lat is >= 52.52 and <= 52.56 && i.Lon is >= 13.35 and <= 13.45)),
            Ids((await ExportCsvAsync("bbox=13.35,52.52,13.45,52.56")).Rows));
        Assert.Equal(Dataset.Ordered(approved.Where(i => i.Camera == "cam-b")), Ids((await ExportCsvAsync("place=harbour")).Rows));
        Assert.Equal(Dataset.Ordered(items.Where(i => i.Status is "pending" or "rejected")),
            Ids((await ExportCsvAsync("status=pending,rejected", admin: true)).Rows));
        Assert.Equal(Dataset.Ordered(items), Ids((await ExportCsvAsync("status=all", admin: true)).Rows));
        Assert.Matches(@"^attachment; filename=""veil-events-cam-b-wrong_way-\d{8}T\d{6}Z\.csv""$",
            (await ExportCsvAsync("camera=cam-b&kind=wrong_way")).Disposition);
    }

    [Fact]
    public async Task Xlsx_export_has_the_same_rows_as_csv_with_typed_cells_a_styled_frozen_header_and_an_autofilter()
    {
        var items = Dataset.Make(60, seed: 12);
        await Sidecar.SeedAsync(items.Select(i => i.ArchiveLine()));
        var snapshot = Samples.Jpeg();
        await Sidecar.PostEventAsync(Samples.Event("with-snapshot", time: Samples.Monday.AddDays(30)), snapshot);
        await Sidecar.AdminAsync(HttpMethod.Post, "/api/events/with-snapshot/approve");

        var csv = (await ExportCsvAsync("status=approved,pending", admin: true)).Rows;
        using var response = await Sidecar.AdminAsync(HttpMethod.Get, "/api/events/export.xlsx?status=approved,pending");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^attachment; filename=""veil-events-\d{8}T\d{6}Z\.xlsx""$", response.Content.Headers.ContentDisposition?.ToString());
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("events");

        Assert.Equal(csv.Count, sheet.LastRowUsed().RowNumber());
        Assert.Equal(ExportHeaders, Enumerable.Range(1, ExportHeaders.Length).Select(c => sheet.Cell(1, c).GetString()));
        Assert.True(sheet.Cell(1, 1).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal($"A1:M{csv.Count}", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(items.Count(i => i.Status is "approved" or "pending") + 1, csv.Count - 1);
        for (var r = 2; r <= csv.Count; r++)
        {
            var expected = csv[r - 1];
            Assert.Equal(expected[0].Text, sheet.Cell(r, 1).GetString());
            var time = sheet.Cell(r, 2);
            Assert.Equal(XLDataType.DateTime, time.DataType);
            Assert.Equal(DateTime.Parse(expected[1].Text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), time.GetDateTime());
            foreach (var c in new[] { 3, 4, 5, 9, 13 }) Assert.Equal(expected[c - 1].Text, sheet.Cell(r, c).GetString());
            foreach (var c in new[] { 6, 7, 8, 10, 11, 12 })
            {
                var cell = sheet.Cell(r, c);
                if (expected[c - 1].Text.Length == 0) Assert.True(cell.IsEmpty(), $"row {r} column {c} should be empty");
                else Assert.Equal(double.Parse(expected[c - 1].Text, CultureInfo.InvariantCulture), cell.GetDouble(), 1e-12); // XLSX keeps 15 digits
                if (!cell.IsEmpty()) Assert.Equal(XLDataType.Number, cell.DataType);
            }
        }
        Assert.Equal(new Uri(Sidecar.Instance.Url, "/api/media/" + Samples.Sha256(snapshot)).ToString(), sheet.Cell(2, 13).GetString());
        using var media = await Sidecar.Http.GetAsync(sheet.Cell(2, 13).GetString());
        Assert.Equal(snapshot, await media.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Formula_like_text_is_defused_in_csv_and_stays_plain_text_in_xlsx()
    {
        string[] cameras = ["=HYPERLINK(\"http://evil.example/\",\"x\")", "+1+1", "-2+3", "@SUM(1)"];
        string[] zones = ["\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0", "plain, \"quoted\"\r\nzone"];
        var lines = cameras.Select((camera, i) =>
        {
            var ev = Samples.Event($"ev-{i}", camera: camera, time: Samples.Monday.AddHours(10 - i));
            ev["details"]!["zone"] = zones[i];
            return Samples.ArchiveLine(ev, "approved");
        });
        await Sidecar.SeedAsync(lines);

        var rows = (await ExportCsvAsync("")).Rows.Skip(1).ToList();
        Assert.Equal(cameras.Select(c => "'" + c), rows.Select(r => r[2].Text));
        Assert.Equal(["'\t=1+1", "'\r=1+1", "'=cmd|' /C calc'!A0", "plain, \"quoted\"\r\nzone"], rows.Select(r => r[8].Text));

        using var response = await Sidecar.SendAsync(HttpMethod.Get, "/api/events/export.xlsx");
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sheet = workbook.Worksheet("events");
        for (var i = 0; i < cameras.Length; i++)
        {
            Assert.Equal((cameras[i], false, XLDataType.Text), (sheet.Cell(i + 2, 3).GetString(), sheet.Cell(i + 2, 3).HasFormula, sheet.Cell(i + 2, 3).DataType));
            // XML turns every line end into LF: the text is otherwise kept as it is, never a formula.
            Assert.Equal((zones[i].ReplaceLineEndings("\n"), false), (sheet.Cell(i + 2, 9).GetString(), sheet.Cell(i + 2, 9).HasFormula));
        }
    }

    [Fact]
    public async Task Anonymous_exports_never_include_pending_rejected_or_deleted_events()
    {
        var items = Dataset.Make(40, seed: 13);
        await Sidecar.SeedAsync(items.Select(i => i.ArchiveLine()));
        var approved = Dataset.Ordered(items.Where(i => i.Status == "approved"));
        Assert.True(approved.Count < items.Count);

        foreach (var query in new[] { "", "status=all", "status=pending", "status=rejected,deleted" })
        {
            Assert.Equal(approved, Ids((await ExportCsvAsync(query)).Rows));
            using var response = await Sidecar.SendAsync(HttpMethod.Get, "/api/events/export.xlsx?" + query);
            using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            var sheet = workbook.Worksheet("events");
            Assert.Equal(approved, Enumerable.Range(2, sheet.LastRowUsed().RowNumber() - 1).Select(r => sheet.Cell(r, 1).GetString()));
        }
        foreach (var format in new[] { "csv", "xlsx" })
        {
            await AssertErrorAsync(await Sidecar.SendAsync(HttpMethod.Get, $"/api/events/export.{format}?status=all", token: "guessed-token-0000000"),
                HttpStatusCode.Unauthorized, "not the admin token");
            using var post = await Sidecar.SendAsync(HttpMethod.Post, $"/api/events/export.{format}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode); // exports are read-only: no write behind them
        }
    }

    [Fact]
    public async Task A_large_csv_export_streams_while_the_store_is_read()
    {
        // 20,000 rows of about 500 bytes: far more than socket buffers hold while the client waits.
        var padding = new string('z', 400);
        var lines = Enumerable.Range(0, 20_000).Select(i =>
        {
            var ev = Samples.Event($"bulk-{i:D5}", time: Samples.Monday.AddSeconds(i));
            ev["details"]!["zone"] = padding;
            return Samples.ArchiveLine(ev, "approved");
        });
        await Sidecar.SeedAsync(lines);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/export.csv");
        using var response = await Sidecar.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Null(response.Content.Headers.ContentLength);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[16 * 1024];
        await body.ReadExactlyAsync(start);

        // Only now does an event older than all others arrive: it is listed last, so a streaming export still reaches it.
        var late = Samples.Event("late-oldest", time: Samples.Monday.AddDays(-1));
        await Sidecar.SeedAsync([Samples.ArchiveLine(late, "approved")]);
        using var rest = new MemoryStream();
        rest.Write(start);
        await body.CopyToAsync(rest);
        var rows = Rfc4180Reader.Read(Encoding.UTF8.GetString(rest.ToArray()));

        Assert.Equal(20_002, rows.Count);
        Assert.Equal("bulk-19999", rows[1][0].Text);
        Assert.Equal("late-oldest", rows[^1][0].Text);
    }

    public static TheoryData<string, HttpStatusCode, bool> HostileExports => new()
    {
        // url (already escaped where it must be), expected status, as admin
        { "/api/events/export.csv?camera=" + Uri.EscapeDataString("x' OR '1'='1"), HttpStatusCode.OK, false },
        { "/api/events/export.xlsx?camera=" + Uri.EscapeDataString("../../etc/passwd"), HttpStatusCode.OK, true },
        { "/api/events/export.csv?place=" + Uri.EscapeDataString("%' OR '1'='1"), HttpStatusCode.OK, false },
        { "/api/events/export.csv?kind=" + Uri.EscapeDataString("a'; DROP TABLE events;--"), HttpStatusCode.BadRequest, false },
        { "/api/events/export.xlsx?status=" + Uri.EscapeDataString("approved' OR 1=1--"), HttpStatusCode.BadRequest, true },
        { "/api/events/export.csv?from=" + Uri.EscapeDataString("2025-01-01' OR '1'='1"), HttpStatusCode.BadRequest, false },
        { "/api/events/export.xlsx?to=" + Uri.EscapeDataString("1; DELETE FROM events"), HttpStatusCode.BadRequest, true },
        { "/api/events/export.csv?bbox=" + Uri.EscapeDataString("1,2,3,4); DROP TABLE events; --"), HttpStatusCode.BadRequest, false },
        { "/api/events/export.csv?camera=a&camera=b", HttpStatusCode.BadRequest, true },
        { "/api/events/export.csv%2F..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest, true },
        { "/api/events/export.xlsx/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.NotFound, false },
    };

    [Theory]
    [MemberData(nameof(HostileExports))]
    public async Task Injection_and_traversal_attempts_on_exports_fail_cleanly_and_change_nothing(string url, HttpStatusCode expected, bool admin)
    {
        await Sidecar.SeedAsync(Dataset.Make(10, seed: 5).Select(i => i.ArchiveLine()));
        var before = await CountAsync("1 = 1");

        using var response = await Sidecar.SendAsync(HttpMethod.Get, url, token: admin ? TestSidecar.AdminToken : null);
        var body = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(body);
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        if (expected == HttpStatusCode.BadRequest) Assert.StartsWith("{\"error\":", text);
        else if (expected != HttpStatusCode.OK) Assert.True(text.Length == 0 || text.StartsWith("{\"error\":", StringComparison.Ordinal), text);
        else if (url.Contains(".csv", StringComparison.Ordinal)) Assert.Single(Rfc4180Reader.Read(text));
        else
        {
            using var workbook = new XLWorkbook(new MemoryStream(body));
            Assert.Equal(1, workbook.Worksheet("events").LastRowUsed().RowNumber());
            Assert.Matches(@"^attachment; filename=""veil-events-etc_passwd-\d{8}T\d{6}Z\.xlsx""$", response.Content.Headers.ContentDisposition?.ToString());
        }
        Assert.Equal(before, await CountAsync("1 = 1"));
    }

    private async Task<(string Disposition, List<List<(string Text, bool Quoted)>> Rows)> ExportCsvAsync(string query, bool admin = false)
    {
        using var response = await Sidecar.SendAsync(HttpMethod.Get, "/api/events/export.csv?" + query, token: admin ? TestSidecar.AdminToken : null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"export.csv?{query}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return (response.Content.Headers.ContentDisposition!.ToString(), Rfc4180Reader.Read(body));
    }

    private static List<string> Ids(List<List<(string Text, bool Quoted)>> rows) => rows.Skip(1).Select(r => r[0].Text).ToList();
}
