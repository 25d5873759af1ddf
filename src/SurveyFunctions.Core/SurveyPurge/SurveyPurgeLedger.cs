using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>A deleted survey whose data is still being purged: what names its rows, when it was deleted, when to look again.</summary>
public sealed record PendingPurge(string TenantId, string Uuid, long SurveyId, DateTimeOffset SurveyCreatedAt, DateTimeOffset DeletedAt,
    DateTimeOffset DueAt);

/// <summary>
/// The purge ledger: one row per deleted survey not yet purged, in the <c>surveyindex</c> table under PK <c>purge</c> (no tenant
/// id, which starts <c>tnt_</c>, and no owner partition, <c>uuid|…</c>, can equal it), RK <c>{tenant}|{uuid}</c>. The row is
/// written before the survey row is deleted, so a survey can never be gone without its purge being on record; it is removed
/// only when the purge has found nothing left after <see cref="SurveyPurger.SettleTime"/>. <c>DueAt</c> is when the recovery
/// timer sends the purge message again if no pass has pushed it further meanwhile (a lost message, a crashed pass).
/// One partition for every tenant: it holds only surveys being purged, a few rows at any time, and the timer reads it with one query.
/// </summary>
public sealed class SurveyPurgeLedger(SurveyTables tables)
{
    private const string Partition = "purge";

    public async Task AddAsync(Survey survey, DateTimeOffset deletedAt, DateTimeOffset dueAt, CancellationToken ct)
    {
        var row = new TableEntity(Partition, RowKey(survey.TenantId, survey.Uuid))
        {
            ["TenantId"] = survey.TenantId,
            ["Uuid"] = survey.Uuid,
            ["SurveyId"] = survey.Id,
            ["SurveyCreatedAt"] = survey.CreatedAt,
            ["DeletedAt"] = deletedAt,
            ["DueAt"] = dueAt,
        };
        await tables.SurveyIndex.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    public async Task<PendingPurge?> GetAsync(string tenantId, string uuid, CancellationToken ct)
    {
        var row = await tables.SurveyIndex.GetOrNullAsync(Partition, RowKey(tenantId, uuid), ct: ct).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    /// <summary>Moves when the timer looks at the purge again. A row already removed (the purge finished meanwhile) stays removed.</summary>
    public async Task SetDueAsync(PendingPurge purge, DateTimeOffset dueAt, CancellationToken ct)
    {
        var patch = new TableEntity(Partition, RowKey(purge.TenantId, purge.Uuid)) { ["DueAt"] = dueAt };
        try
        {
            await tables.SurveyIndex.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Finished by another pass: nothing to look at again.
        }
    }

    public Task RemoveAsync(PendingPurge purge, CancellationToken ct) =>
        tables.SurveyIndex.DeleteEntityAsync(Partition, RowKey(purge.TenantId, purge.Uuid), ETag.All, ct);

    /// <summary>Purges whose <c>DueAt</c> has come: one query over the ledger's partition.</summary>
    public async Task<IReadOnlyList<PendingPurge>> ListDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = new List<PendingPurge>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and DueAt le {now}");
        await foreach (var row in tables.SurveyIndex.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            due.Add(FromEntity(row));
        return due;
    }

    private static string RowKey(string tenantId, string uuid) => tenantId + "|" + uuid;

    private static PendingPurge FromEntity(TableEntity row) => new(
        row.GetString("TenantId") ?? "",
        row.GetString("Uuid") ?? "",
        row.GetInt64("SurveyId") ?? 0,
        row.GetDateTimeOffset("SurveyCreatedAt") ?? default,
        row.GetDateTimeOffset("DeletedAt") ?? default,
        row.GetDateTimeOffset("DueAt") ?? default);
}
