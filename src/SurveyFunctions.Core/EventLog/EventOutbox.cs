using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>A change whose events are being relayed: its marker row, and the table and partition the change writes.</summary>
public sealed record OutboxMarker(string RowKey, string Table, string Partition);

/// <summary>
/// Events written in the same entity group transaction as the change that causes them, so an event exists exactly when
/// its change committed. The change's writer (a survey's status, a poll's close) adds <see cref="Row"/> to its
/// transaction, in the changed row's own partition; then this moves the event into the <see cref="EventStore"/> and deletes
/// it there. A process that dies in between is covered by the marker pattern the survey counts use: the writer first
/// writes a marker naming the partition (<see cref="AnnounceAsync"/>), and relays and deletes it after the transaction,
/// committed or not (<see cref="RelayAsync"/>); <see cref="EventOutboxRecovery"/> relays what an old marker names. The log
/// records each event's key once, so relaying twice is harmless.
/// </summary>
public sealed class EventOutbox(EventTables tables, EventStore log, TimeProvider time, ILogger<EventOutbox> logger)
{
    /// <summary>The transaction action that adds <paramref name="e"/> beside the changed row (same partition).</summary>
    public static TableTransactionAction Row(string partitionKey, DomainEvent e) =>
        new(TableTransactionActionType.Add, EventRows.ToEntity(partitionKey, EventKeys.PendingPrefix + e.Id, e));

    /// <summary>Before the transaction: the marker that makes its events recoverable.</summary>
    public async Task<OutboxMarker> AnnounceAsync(string table, string partition, CancellationToken ct)
    {
        var marker = new OutboxMarker(EventKeys.MarkerRow(time.GetUtcNow()), table, partition);
        await tables.Events.UpsertEntityAsync(new TableEntity(EventKeys.OutboxPartition, marker.RowKey)
        {
            ["Table"] = table,
            ["Partition"] = partition,
        }, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return marker;
    }

    /// <summary>
    /// After the transaction (committed or refused): moves the partition's waiting events into the log, then deletes the
    /// marker. A failure is not the caller's (its change stands): the marker stays for the recovery job, so it is logged.
    /// </summary>
    public async Task RelayAsync(OutboxMarker marker)
    {
        try
        {
            await RelayPartitionAsync(marker.Table, marker.Partition, CancellationToken.None).ConfigureAwait(false);
            await DeleteMarkerAsync(marker.RowKey, ETag.All, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException || StorageFailures.IsUnavailable(ex))
        {
            Log.EventRelayDeferred(logger, ex, marker.Table, marker.Partition);
        }
    }

    /// <summary>Moves every event waiting in the partition into the log; returns how many it found.</summary>
    internal async Task<int> RelayPartitionAsync(string table, string partition, CancellationToken ct)
    {
        var client = tables.Table(table);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {EventKeys.PendingPrefix} and RowKey lt {EventKeys.PendingRangeEnd}");
        var found = 0;
        await foreach (var row in client.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            await log.AppendAsync(EventRows.FromEntity(row), ct).ConfigureAwait(false);
            try
            {
                await client.DeleteEntityAsync(partition, row.RowKey, ETag.All, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Relayed by another instance meanwhile.
            }
            found++;
        }
        return found;
    }

    internal async Task DeleteMarkerAsync(string rowKey, ETag etag, CancellationToken ct)
    {
        try
        {
            await tables.Events.DeleteEntityAsync(EventKeys.OutboxPartition, rowKey, etag, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already handled by another instance.
        }
    }
}
