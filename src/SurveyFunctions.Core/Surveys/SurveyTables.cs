using Azure.Data.Tables;
using SurveyFunctions.Core.Platform;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The survey domain's tables, as Azure SDK clients built once from the app's <see cref="TableServiceClient"/>.
/// Key design (DESIGN.md §5: point reads and single-partition queries only):
/// <list type="bullet">
/// <item><c>surveys</c>: PK <c>{tenantId}|{uuid}</c>, RK "": the definition. The tenant is part of the key, so a read with
/// another tenant's id finds nothing, and every survey is its own partition (a hot survey does not share one).</item>
/// <item><c>surveyindex</c>: PK tenant id: <c>list|…</c> rows for listing newest first and <c>id|…</c> rows mapping the
/// integer id to the uuid, written together in one transaction.</item>
/// <item><c>idcounters</c>: PK tenant id, RK id kind: the allocator's counters (<see cref="IdAllocator"/>).</item>
/// </list>
/// Closing by stop date is not built yet. It should follow the polls' closer (DESIGN.md §7): a schedule table keyed by the
/// hour bucket of <c>stop_value</c> (PK <c>yyyyMMddHH</c> as <c>PollSchedule.Bucket</c>, a past date in the current hour's
/// bucket), RK <c>{tenantId}|{uuid}</c>, written by <see cref="SurveyStore"/> whenever a survey with
/// <c>stop_criteria: date</c> is created, edited or started, and moved or removed when the date, the criterion or the status
/// changes (keep the bucket on the survey row, as polls keep <c>ScheduleBucket</c>, to find the old entry). The job walks
/// buckets forward from a stored cursor and closes each due survey through <see cref="SurveyStore.UpdateAsync"/> with
/// <see cref="SurveyRules.Close"/> and <see cref="SurveyCloseReasons.StopDate"/>. Submissions never wait for it:
/// <see cref="SurveyRules.Availability"/> refuses from the stop instant on.
/// </summary>
public sealed class SurveyTables
{
    public SurveyTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Surveys = service.GetTableClient(StorageNames.SurveysTable);
        SurveyIndex = service.GetTableClient(StorageNames.SurveyIndexTable);
        IdCounters = service.GetTableClient(StorageNames.IdCountersTable);
    }

    public TableClient Surveys { get; }
    public TableClient SurveyIndex { get; }
    public TableClient IdCounters { get; }

    public IReadOnlyList<TableClient> All => [Surveys, SurveyIndex, IdCounters];

    /// <summary>Creates missing tables (Azurite starts empty; in Azure the Bicep has made them and this is a no-op).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        foreach (var table in All)
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
