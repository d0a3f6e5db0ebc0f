using System.Text;

namespace Veil.Sidecar.Tests.Export;

/// <summary>
/// A strict RFC 4180 reader for checking exports: records end with CRLF, fields are separated by
/// commas, a quoted field may hold commas, CR, LF and doubled quotes. Anything else is a FormatException.
/// A field is (text, quoted), so an empty unquoted field (no value) differs from "" (empty text).
/// </summary>
internal static class Rfc4180Reader
{
    public static List<List<(string Text, bool Quoted)>> Read(string csv)
    {
        var records = new List<List<(string, bool)>>();
        var record = new List<(string, bool)>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            var quoted = csv[i] == '"';
            if (quoted)
            {
                for (i++; ; i++)
                {
                    if (i >= csv.Length) throw new FormatException("a quoted field is not closed");
                    if (csv[i] != '"') field.Append(csv[i]);
                    else if (i + 1 < csv.Length && csv[i + 1] == '"') field.Append(csv[++i]);
                    else break;
                }
                i++;
            }
            else
            {
                for (; i < csv.Length && csv[i] is not (',' or '\r' or '\n'); i++)
                {
                    if (csv[i] == '"') throw new FormatException($"a quote inside an unquoted field at {i}");
                    field.Append(csv[i]);
                }
            }
            record.Add((field.ToString(), quoted));
            field.Clear();
            if (i < csv.Length && csv[i] == ',')
            {
                i++;
                continue;
            }
            if (i + 1 >= csv.Length || csv[i] != '\r' || csv[i + 1] != '\n') throw new FormatException($"a record must end with CRLF (at {i})");
            i += 2;
            records.Add(record);
            record = [];
        }
        return records;
    }
}
