using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Surveys in Table Storage (<see cref="SurveyTables"/>). Every read and write is scoped to a tenant by key: the survey's
/// partition key starts with its tenant id, so another tenant's uuid simply is not there. Writes to the survey row use
/// If-Match on the ETag it was read with; <see cref="UpdateAsync"/> re-reads and re-applies on a lost race.
/// </summary>
public sealed class SurveyStore(SurveyTables tables, SurveyVersions versions, EventOutbox events)
{
    private const string ListPrefix = "list|";
    private const string IdPrefix = "id|";
    private const string OwnerPrefix = "uuid|";
    private const string OwnerRowKey = "owner";

    private const int MaxUpdateAttempts = 10;

    // A survey's integer id names one uuid for good (ids are allocated once, never reused), so the index read it takes is
    // remembered: every Take call names its survey by id, and this saves each of them a read. Bounded; past it, starts over.
    private const int MaxCachedIds = 100_000;

    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly ConcurrentDictionary<(string TenantId, long Id), string> _uuidById = new();

    /// <summary>
    /// The tenant's survey with this uuid, or null. Uuids are issued in lowercase; one sent in uppercase (some languages
    /// format GUIDs that way) names the same survey.
    /// </summary>
    public async Task<Survey?> GetAsync(string tenantId, string uuid, CancellationToken ct)
    {
        var key = SurveyEntity.PartitionKey(tenantId, uuid.ToLowerInvariant());
        var row = await tables.Surveys.GetEntityIfExistsAsync<TableEntity>(key, SurveyEntity.RowKey, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? SurveyEntity.FromEntity(row.Value!) : null;
    }

    /// <summary>The tenant's survey with integer id <paramref name="id"/>: one index read (the first time), then the survey's own.</summary>
    public async Task<Survey?> GetByIdAsync(string tenantId, long id, CancellationToken ct)
    {
        if (!_uuidById.TryGetValue((tenantId, id), out var uuid))
        {
            var index = await tables.SurveyIndex.GetEntityIfExistsAsync<TableEntity>(tenantId, IdRowKey(id), ["Uuid"], ct).ConfigureAwait(false);
            if (!index.HasValue || index.Value!.GetString("Uuid") is not { } found)
                return null;
            if (_uuidById.Count >= MaxCachedIds)
                _uuidById.Clear();
            _uuidById[(tenantId, id)] = uuid = found;
        }
        return await GetAsync(tenantId, uuid, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A survey by either of its names, as the Take family's <c>{survey-id}</c> allows: all digits is the integer id,
    /// anything else the uuid. Call with a route value already checked by <see cref="RouteIds"/>.
    /// </summary>
    public Task<Survey?> FindAsync(string tenantId, string idOrUuid, CancellationToken ct) =>
        idOrUuid.Length is > 0 and <= 18 && idOrUuid.All(char.IsAsciiDigit)
            ? GetByIdAsync(tenantId, long.Parse(idOrUuid, CultureInfo.InvariantCulture), ct)
            : GetAsync(tenantId, idOrUuid, ct);

    /// <summary>
    /// Stores a new survey: its row first (the uuid is new, so this cannot clash), then its two index rows in one
    /// transaction. If the index write fails, the survey row is removed again so a failed create leaves nothing behind.
    /// </summary>
    public async Task<Survey> CreateAsync(Survey survey, CancellationToken ct)
    {
        // The owner row first: should anything after it fail, it names a survey that is not there, which
        // FindOwnerAsync checks, so a stale owner row never claims anything.
        await tables.SurveyIndex.UpsertEntityAsync(OwnerRow(survey), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        var response = await tables.Surveys.AddEntityAsync(SurveyEntity.ToEntity(survey), ct).ConfigureAwait(false);
        try
        {
            await tables.SurveyIndex.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, ListRow(survey)),
                    new TableTransactionAction(TableTransactionActionType.Add, IdRow(survey)),
                ], ct).ConfigureAwait(false);
        }
        catch
        {
            await tables.Surveys.DeleteEntityAsync(SurveyEntity.PartitionKey(survey.TenantId, survey.Uuid), SurveyEntity.RowKey, ETag.All,
                CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await ScheduleClosingAsync(survey, ct).ConfigureAwait(false);
        return survey with { ETag = response.Headers.ETag?.ToString() };
    }

    /// <summary>
    /// Reads the survey and writes <paramref name="change"/>'s result with If-Match; on a lost race (412) reads again and
    /// re-applies, so concurrent edits, starts and pauses never overwrite each other. <c>survey_not_found</c> when it is not
    /// the tenant's; the change's own error as is; <c>concurrent_update</c> (409) when it keeps losing.
    /// </summary>
    /// <remarks>
    /// Writers of one survey in this instance take turns (a striped gate), so they do not race each other at all; the
    /// If-Match retry (with a jittered pause) is for writers in other instances. <paramref name="change"/> must not itself
    /// update a survey.
    /// </remarks>
    public async Task<Outcome<Survey>> UpdateAsync(string tenantId, string uuid, Func<Survey, Task<Outcome<Survey>>> change, CancellationToken ct)
    {
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(uuid.ToLowerInvariant()) % (uint)_gates.Length)];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        OutboxMarker? marker = null;
        try
        {
            for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
            {
                var current = await GetAsync(tenantId, uuid, ct).ConfigureAwait(false);
                if (current is null)
                    return SurveyErrors.NotFound();
                var changed = await change(current).ConfigureAwait(false);
                if (!changed.IsSuccess)
                    return changed.Error;
                var updated = changed.Value with { TenantId = current.TenantId, Uuid = current.Uuid, Id = current.Id, CreatedAt = current.CreatedAt };
                try
                {
                    // A change of status commits its event with it (SurveyTransitionEvents), announced first so it is relayed.
                    var transition = SurveyTransitionEvents.For(current, updated);
                    var partition = SurveyEntity.PartitionKey(updated.TenantId, updated.Uuid);
                    if (transition is not null)
                        marker ??= await events.AnnounceAsync(StorageNames.SurveysTable, partition, ct).ConfigureAwait(false);
                    var etag = await versions.ReplaceAsync(current, updated,
                        transition is null ? null : EventOutbox.Row(partition, transition), ct).ConfigureAwait(false);
                    await ScheduleClosingAsync(updated, ct).ConfigureAwait(false);
                    return updated with { ETag = etag };
                }
                catch (RequestFailedException ex) when (ex.Status is 412 or 404)
                {
                    // Someone else wrote (or deleted) the survey since we read it: start again from what is stored now.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25 * (attempt + 1))), ct).ConfigureAwait(false);
                }
            }
            return SurveyErrors.ConcurrentEdit();
        }
        finally
        {
            if (marker is not null)
                await events.RelayAsync(marker).ConfigureAwait(false);
            gate.Release();
        }
    }

    /// <summary>
    /// Puts a survey with a stop date in the closing schedule (idempotent). Should this write fail after the survey's, the
    /// survey still refuses responses from its stop date on; only the recorded close would wait for the next edit.
    /// </summary>
    private async Task ScheduleClosingAsync(Survey survey, CancellationToken ct)
    {
        if (SurveySchedule.RowFor(survey) is { } row)
            await tables.ClosingSchedule.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the survey row first (so it is gone for every caller at once), then its index rows and its current closing
    /// schedule row (a row left in an older bucket names a survey that is gone, and the closer drops it when it gets there).
    /// Should the index delete fail, listing skips rows whose survey is gone, so nothing stale is ever shown. What the survey
    /// collected is removed afterwards by its purge (<see cref="SurveyPurge.SurveyPurger"/>).
    /// </summary>
    public async Task DeleteAsync(Survey survey, CancellationToken ct)
    {
        await DeleteAsync(survey.TenantId, survey.Uuid, survey.Id, survey.CreatedAt, ct).ConfigureAwait(false);
        if (SurveySchedule.RowFor(survey) is { } scheduled)
            await tables.ClosingSchedule.DeleteEntityAsync(scheduled.PartitionKey, scheduled.RowKey, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The survey row and its index rows, by what names them. Idempotent: the purge calls it again, so a delete that stopped
    /// half-way is finished there.
    /// </summary>
    public async Task DeleteAsync(string tenantId, string uuid, long id, DateTimeOffset createdAt, CancellationToken ct)
    {
        await tables.Surveys.DeleteEntityAsync(SurveyEntity.PartitionKey(tenantId, uuid), SurveyEntity.RowKey, ETag.All, ct).ConfigureAwait(false);
        await versions.DeleteAllAsync(tenantId, uuid, ct).ConfigureAwait(false);
        // One by one rather than in a transaction: a delete of a row that is already gone (a concurrent delete of the same
        // survey) succeeds, where in a transaction it would fail the whole batch.
        await tables.SurveyIndex.DeleteEntityAsync(tenantId, ListRowKey(uuid, createdAt), ETag.All, ct).ConfigureAwait(false);
        await tables.SurveyIndex.DeleteEntityAsync(tenantId, IdRowKey(id), ETag.All, ct).ConfigureAwait(false);
        await tables.SurveyIndex.DeleteEntityAsync(OwnerPartition(uuid), OwnerRowKey, ETag.All, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The tenant that owns the survey with this uuid, whoever asks, or null: one point read of the owner row, then one of the
    /// survey itself (so an owner row left by a failed create or delete claims nothing). For the Panelists family, whose documentation
    /// answers 403 (not 404) when a valid key names another tenant's survey. Never use it to read another tenant's survey.
    /// </summary>
    public async Task<string?> FindOwnerAsync(string uuid, CancellationToken ct)
    {
        var lower = uuid.ToLowerInvariant();
        var owner = await tables.SurveyIndex.GetEntityIfExistsAsync<TableEntity>(OwnerPartition(lower), OwnerRowKey, ["TenantId"],
            ct).ConfigureAwait(false);
        if (!owner.HasValue || owner.Value!.GetString("TenantId") is not { } tenantId)
            return null;
        return await GetAsync(tenantId, lower, ct).ConfigureAwait(false) is null ? null : tenantId;
    }

    /// <summary>
    /// One page of the tenant's surveys, newest first, and the total for the pagination block: one query over the tenant's
    /// index partition (keys only), then point reads of the page's surveys in parallel.
    /// </summary>
    public async Task<(IReadOnlyList<Survey> Page, int Total)> ListAsync(string tenantId, int page, int limit, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {ListPrefix} and RowKey lt {"list}"}");
        var uuids = new List<string>();
        var total = 0;
        var skip = (long)(page - 1) * limit;
        await foreach (var row in tables.SurveyIndex.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "Uuid"],
            cancellationToken: ct).ConfigureAwait(false))
        {
            if (total >= skip && uuids.Count < limit && row.GetString("Uuid") is { } uuid)
                uuids.Add(uuid);
            total++;
        }
        var surveys = await Task.WhenAll(uuids.Select(uuid => GetAsync(tenantId, uuid, ct))).ConfigureAwait(false);
        return (surveys.OfType<Survey>().ToArray(), total);
    }

    private static string ListRowKey(Survey survey) => ListRowKey(survey.Uuid, survey.CreatedAt);

    private static string ListRowKey(string uuid, DateTimeOffset createdAt) =>
        ListPrefix + (DateTimeOffset.MaxValue.UtcTicks - createdAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + uuid;

    /// <summary>
    /// The owner row's partition: "uuid|{uuid}", which no tenant id (<c>tnt_…</c>) can equal, so it never shows in a tenant's
    /// index partition. One partition per survey: the lookup is a point read and spreads like the surveys themselves.
    /// </summary>
    private static string OwnerPartition(string uuid) => OwnerPrefix + uuid;

    private static TableEntity OwnerRow(Survey survey) => new(OwnerPartition(survey.Uuid), OwnerRowKey) { ["TenantId"] = survey.TenantId };

    private static string IdRowKey(long id) => IdPrefix + id.ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity ListRow(Survey survey) => new(survey.TenantId, ListRowKey(survey)) { ["Uuid"] = survey.Uuid,
        ["SurveyId"] = survey.Id };

    private static TableEntity IdRow(Survey survey) => new(survey.TenantId, IdRowKey(survey.Id)) { ["Uuid"] = survey.Uuid };
}
