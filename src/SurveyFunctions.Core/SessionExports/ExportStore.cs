using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Export jobs in the <c>exports</c> table: PK tenant id, RK export id (the record: one point read, and another tenant's id is
/// simply not there); PK <c>{tenant}|s|{survey uuid}</c>, RK export id (a survey's exports, which its purge deletes); PK
/// <c>expiry</c>, RK <c>{expires at ticks:D19}|{tenant}|{export id}</c> (finished exports by expiry, which the purge timer reads
/// up to now). Record and index rows are written before the record says they exist, so no row is ever orphaned unseen.
/// </summary>
public sealed class ExportStore : ITableSetup
{
    private const string ExpiryPartition = "expiry";
    private const string BlobProperty = "BlobName";

    public ExportStore(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Table = service.GetTableClient(StorageNames.ExportsTable);
    }

    internal TableClient Table { get; }

    public Task EnsureCreatedAsync(CancellationToken ct) => Table.CreateIfNotExistsAsync(ct);

    /// <summary>Stores a new export and its survey index row (the index first: a purge that runs between finds it).</summary>
    public async Task<ExportRecord> CreateAsync(ExportRecord export, CancellationToken ct)
    {
        var index = new TableEntity(SurveyPartition(export.TenantId, export.SurveyUuid), export.Id) { [BlobProperty] = export.BlobName };
        await Table.UpsertEntityAsync(index, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        var response = await Table.AddEntityAsync(ExportEntities.ToEntity(export), ct).ConfigureAwait(false);
        return export with { ETag = response.Headers.ETag?.ToString() };
    }

    public async Task<ExportRecord?> GetAsync(string tenantId, string exportId, CancellationToken ct)
    {
        var row = await Table.GetOrNullAsync(tenantId, exportId, ct: ct).ConfigureAwait(false);
        return row is null ? null : ExportEntities.ToRecord(row);
    }

    /// <summary>Writes <paramref name="export"/> If-Match its ETag; null when another writer changed or deleted it meanwhile.</summary>
    public async Task<ExportRecord?> SaveAsync(ExportRecord export, CancellationToken ct)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ExportEntities.ToEntity(export), new ETag(export.ETag!), TableUpdateMode.Replace, ct)
                .ConfigureAwait(false);
            return export with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Marks when a finished export's file expires (before its record says it succeeded: the purge never misses it).</summary>
    public Task AddExpiryAsync(ExportRecord export, DateTimeOffset expiresAt, CancellationToken ct) =>
        Table.UpsertEntityAsync(new TableEntity(ExpiryPartition, ExpiryRow(export.TenantId, export.Id, expiresAt))
        {
            [BlobProperty] = export.BlobName,
            ["SurveyUuid"] = export.SurveyUuid,
        }, TableUpdateMode.Replace, ct);

    /// <summary>Up to <paramref name="limit"/> exports whose files expired by <paramref name="now"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StoredExport>> ListExpiredAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ExpiryPartition} and RowKey lt {Ticks(now) + "~"}");
        var found = new List<StoredExport>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: ct)
            .ConfigureAwait(false))
        {
            var parts = row.RowKey.Split('|');
            if (parts.Length == 3)
                found.Add(new(parts[1], parts[2], row.GetString("SurveyUuid") ?? "", row.GetString(BlobProperty) ?? "", row.RowKey));
            if (found.Count >= limit)
                break;
        }
        return found;
    }

    /// <summary>Up to <paramref name="limit"/> exports of a survey (their expiry rows unknown: null).</summary>
    public async Task<IReadOnlyList<StoredExport>> ListSurveyExportsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SurveyPartition(tenantId, surveyUuid)}");
        var found = new List<StoredExport>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: ct)
            .ConfigureAwait(false))
        {
            found.Add(new(tenantId, row.RowKey, surveyUuid, row.GetString(BlobProperty) ?? "", null));
            if (found.Count >= limit)
                break;
        }
        return found;
    }

    /// <summary>Deletes the record, then its survey index row and expiry row (when given): safe to repeat.</summary>
    public async Task DeleteAsync(string tenantId, string exportId, string surveyUuid, string? expiryRow, CancellationToken ct)
    {
        await Table.DeleteEntityAsync(tenantId, exportId, ETag.All, ct).ConfigureAwait(false);
        await Table.DeleteEntityAsync(SurveyPartition(tenantId, surveyUuid), exportId, ETag.All, ct).ConfigureAwait(false);
        if (expiryRow is not null)
            await Table.DeleteEntityAsync(ExpiryPartition, expiryRow, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>An export as its index rows name it: enough to delete it, file included, even when its record is gone.</summary>
    public sealed record StoredExport(string TenantId, string ExportId, string SurveyUuid, string BlobName, string? ExpiryRow);

    public static string ExpiryRow(string tenantId, string exportId, DateTimeOffset expiresAt) => $"{Ticks(expiresAt)}|{tenantId}|{exportId}";

    private static string SurveyPartition(string tenantId, string surveyUuid) => $"{tenantId}|s|{surveyUuid}";

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
