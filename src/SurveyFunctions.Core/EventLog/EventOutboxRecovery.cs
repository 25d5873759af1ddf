using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// The timer job that relays the events a dying process left beside their committed change (<see cref="EventOutbox"/>):
/// a marker older than one recovery interval means the writer died (or storage failed) between its marker and its
/// relay. Its partition's waiting events go to the log (again is harmless: the log records a key once) and the marker
/// goes. A marker whose partition holds nothing is a change that did not commit (or was relayed); it is kept until
/// <see cref="AbandonedAfter"/>, in case its transaction is still on its way.
/// </summary>
public sealed class EventOutboxRecovery(EventTables tables, EventOutbox outbox, TimeProvider time, IOptions<SurveyFunctionsOptions> options)
{
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Returns how many events it relayed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = EventKeys.MarkerCutoff(now - TimeSpan.FromSeconds(options.Value.RecoveryIntervalSeconds));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {EventKeys.OutboxPartition} and RowKey lt {cutoff}");
        var relayed = 0;
        await foreach (var marker in tables.Events.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            var found = await outbox.RelayPartitionAsync(marker.GetString("Table") ?? "", marker.GetString("Partition") ?? "", ct)
                .ConfigureAwait(false);
            relayed += found;
            if (found > 0 || now - EventKeys.MarkerTime(marker.RowKey) >= AbandonedAfter)
                await outbox.DeleteMarkerAsync(marker.RowKey, marker.ETag, ct).ConfigureAwait(false);
        }
        return relayed;
    }
}
