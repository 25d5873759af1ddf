using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>The event log's table (<see cref="StorageNames.EventsTable"/>, keys in <see cref="EventKeys"/>).</summary>
public sealed class EventTables(TableServiceClient service) : ITableSetup
{
    public TableClient Events { get; } = service.GetTableClient(StorageNames.EventsTable);

    /// <summary>Where a change's event waits in the changed row's own partition (<see cref="EventOutbox"/>).</summary>
    public TableClient Table(string name) => service.GetTableClient(name);

    public Task EnsureCreatedAsync(CancellationToken ct) => Events.CreateIfNotExistsAsync(ct);
}
