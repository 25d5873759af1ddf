using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The survey domain's tables, as Azure SDK clients built once from the app's <see cref="TableServiceClient"/>.
/// Key design (every read is a point read or a single-partition query, never a table scan, so its cost does not grow
/// with the number of tenants or surveys):
/// <list type="bullet">
/// <item><c>surveys</c>: PK <c>{tenantId}|{uuid}</c>, RK "": the definition. The tenant is part of the key, so a read with
/// another tenant's id finds nothing, and every survey is its own partition (a hot survey does not share one).</item>
/// <item><c>surveyindex</c>: PK tenant id: <c>list|…</c> rows for listing newest first and <c>id|…</c> rows mapping the
/// integer id to the uuid, written together in one transaction; and PK <c>uuid|{uuid}</c>, RK <c>owner</c>: the survey's tenant,
/// for the one family whose documentation tells "another tenant's survey" (403) from "no such survey" (404).</item>
/// <item><c>idcounters</c>: PK tenant id, RK id kind: the allocator's counters (<see cref="IdAllocator"/>).</item>
/// </list>
/// <item><c>pollschedule</c> (<see cref="ClosingSchedule"/>): the closing schedule shared with polls; see <see cref="SurveySchedule"/>.</item>
/// </summary>
public sealed class SurveyTables : ITableSetup
{
    public SurveyTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Surveys = service.GetTableClient(StorageNames.SurveysTable);
        SurveyIndex = service.GetTableClient(StorageNames.SurveyIndexTable);
        IdCounters = service.GetTableClient(StorageNames.IdCountersTable);
        ClosingSchedule = service.GetTableClient(StorageNames.PollScheduleTable);
    }

    public TableClient Surveys { get; }
    public TableClient SurveyIndex { get; }
    public TableClient IdCounters { get; }

    /// <summary>The one closing schedule (created with the polls' tables): surveys with a stop date have rows here.</summary>
    public TableClient ClosingSchedule { get; }

    public IReadOnlyList<TableClient> All => [Surveys, SurveyIndex, IdCounters];

    /// <summary>Creates missing tables (Azurite starts empty; in Azure the Bicep has made them and this is a no-op).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        foreach (var table in All)
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
