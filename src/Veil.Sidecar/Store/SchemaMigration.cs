namespace Veil.Sidecar.Store;

/// <summary>
/// One numbered schema step. The SQL is written once with type placeholders that each engine fills:
/// {key} text compared byte-wise (ids and names order alike everywhere), {text}, {int} 64-bit,
/// {real} double, {serial} an auto-numbered 64-bit primary key.
/// </summary>
internal sealed record SchemaMigration(int Version, string Name, string Sql)
{
    public string SqlFor(IReadOnlyDictionary<string, string> types) =>
        types.Aggregate(Sql, (sql, type) => sql.Replace("{" + type.Key + "}", type.Value, StringComparison.Ordinal));
}
