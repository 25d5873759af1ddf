using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// Each tenant's events in commit order (<see cref="EventKeys"/>). An append commits, in one entity group transaction in
/// the tenant's partition, the event's key row (so a <see cref="DomainEvent.Key"/> is recorded once, however often it is
/// derived), the event under the next sequence number, and the head row with If-Match. So sequence n is committed only
/// after n-1, and a reader walking the sequence never skips an event that a slower writer commits later, nor sees one twice.
/// Concurrent appends of a tenant in this instance share transactions (<see cref="EventPartitionWriter"/>); the If-Match
/// retry is for other instances.
/// </summary>
public sealed class EventStore(EventTables tables, TimeProvider time, IOptions<SurveyFunctionsOptions> options, ILogger<EventStore> logger)
{
    private const int MaxRememberedKeys = 10_000;
    private const int PruneRowsPerPass = 1000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pruned = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, EventPartitionWriter> _writers = new(StringComparer.Ordinal);

    // Keys this instance recorded or found recorded lately: a finished session's events are derived again at each change
    // of its answers, and a known key needs no refused transaction to tell. Only a shortcut; the key row decides.
    private readonly ConcurrentDictionary<string, bool> _recorded = new(StringComparer.Ordinal);

    /// <summary>How long events stay in the feed (and can be delivered again).</summary>
    public TimeSpan Retention => TimeSpan.FromDays(options.Value.EventRetentionDays);

    /// <summary>Records <paramref name="e"/> unless its key was recorded before. True when this call recorded it.</summary>
    public async Task<bool> AppendAsync(DomainEvent e, CancellationToken ct)
    {
        var partition = EventKeys.Partition(e.TenantId);
        var known = partition + "/" + EventKeys.KeyRow(e);
        if (_recorded.ContainsKey(known))
            return false;
        var writer = _writers.GetOrAdd(partition, p => new EventPartitionWriter(tables.Events, p, time));
        var recorded = await writer.AppendAsync(e, ct).ConfigureAwait(false);
        if (_recorded.Count >= MaxRememberedKeys)
            _recorded.Clear();
        _recorded[known] = true;
        PruneNowAndThen(partition);
        return recorded;
    }

    /// <summary>
    /// Deletes the tenant's events (and their key rows) recorded before the retention period, at most hourly per tenant and
    /// instance, in the background: a tenant that records events sheds the old ones as it goes. The feed never shows them
    /// anyway (<see cref="ReadAsync"/>), so pruning late is harmless.
    /// </summary>
    private void PruneNowAndThen(string partition)
    {
        var now = time.GetUtcNow();
        if (_pruned.TryGetValue(partition, out var last) && now - last < PruneEvery)
            return;
        _pruned[partition] = now;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RecordedAt lt {now - Retention}");
        _ = Task.Run(async () =>
        {
            try
            {
                await tables.Events.DeleteWhereAsync(filter, PruneRowsPerPass).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException || StorageFailures.IsUnavailable(ex))
            {
                Log.EventPruneFailed(logger, ex, partition);
            }
        });
    }

    /// <summary>
    /// Up to <paramref name="limit"/> of the tenant's events after sequence <paramref name="after"/>, oldest first, of the
    /// given types (all when empty), recorded within the retention period.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string tenantId, long after, IReadOnlyCollection<string> types, int limit,
        CancellationToken ct)
    {
        var partition = EventKeys.Partition(tenantId);
        var cutoff = time.GetUtcNow() - Retention;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {EventKeys.SequenceRow(after)} and RowKey lt {EventKeys.SequenceRangeEnd}")
            + " and " + TableClient.CreateQueryFilter($"RecordedAt ge {cutoff}");
        if (types.Count > 0)
            filter += " and (" + string.Join(" or ", types.Select(t => TableClient.CreateQueryFilter($"Type eq {t}"))) + ")";
        var events = new List<StoredEvent>(limit);
        await foreach (var row in tables.Events.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: ct).ConfigureAwait(false))
        {
            events.Add(ToStored(row));
            if (events.Count == limit)
                break;
        }
        return events;
    }

    private static StoredEvent ToStored(TableEntity row) =>
        new(EventRows.FromEntity(row), EventKeys.SequenceOf(row.RowKey), row.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue);
}
