using Dapper;

namespace Veil.Sidecar.Store;

/// <summary>Which media a filtered view shows.</summary>
public abstract partial class SqlEventStore
{
    public async Task<bool> IsMediaShownAsync(string sha256, EventFilter filter, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = FilterSql.Where(filter, parameters);
        parameters.Add("Sha", sha256);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM events e {where} AND (e.snapshot_sha256 = @Sha OR e.clip_sha256 = @Sha)",
            parameters, cancellationToken: cancellationToken)) > 0;
    }
}
