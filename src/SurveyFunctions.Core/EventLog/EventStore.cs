using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// Each tenant's events in commit order (<see cref="EventKeys"/>). An append is one entity group transaction in the tenant's
/// partition: the key row (so an event's <see cref="DomainEvent.Key"/> is recorded once, however often it is derived),
/// the event under the next sequence number, and the head row with If-Match. So sequence n is committed only after n-1,
/// and a reader walking the sequence never skips an event that a slower writer commits later, nor sees one twice.
/// </summary>
/// <remarks>
/// Appends of one tenant in this instance take turns (a striped gate) so they do not race each other for the head; the
/// If-Match retry is for other instances. The head as last written here is kept, so an append is usually one request.
/// </remarks>
public sealed class EventStore(EventTables tables, TimeProvider time, IOptions<SurveyFunctionsOptions> options)
{
    private const int MaxAttempts = 30;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly ConcurrentDictionary<string, (long Sequence, string? ETag)> _heads = new(StringComparer.Ordinal);

    /// <summary>How long events stay in the feed (and can be delivered again).</summary>
    public TimeSpan Retention => TimeSpan.FromDays(options.Value.EventRetentionDays);

    /// <summary>Records <paramref name="e"/> unless its key was recorded before. True when this call recorded it.</summary>
    public async Task<bool> AppendAsync(DomainEvent e, CancellationToken ct)
    {
        var partition = EventKeys.Partition(e.TenantId);
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(partition) % (uint)_gates.Length)];
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var head = _heads.TryGetValue(partition, out var known) ? known : await ReadHeadAsync(partition, ct).ConfigureAwait(false);
                var next = head.Sequence + 1;
                var entity = EventRows.ToEntity(partition, EventKeys.SequenceRow(next), e);
                entity["RecordedAt"] = time.GetUtcNow();
                var headRow = new TableEntity(partition, EventKeys.HeadRow) { ["Sequence"] = next };
                TableTransactionAction[] actions =
                [
                    new(TableTransactionActionType.Add, new TableEntity(partition, EventKeys.KeyRow(e)) { ["Sequence"] = next, ["EventId"] = e.Id }),
                    new(TableTransactionActionType.Add, entity),
                    head.ETag is null ? new(TableTransactionActionType.Add, headRow)
                        : new(TableTransactionActionType.UpdateReplace, headRow, new ETag(head.ETag)),
                ];
                try
                {
                    var etags = await tables.Events.SubmitAsync(actions, ct).ConfigureAwait(false);
                    _heads[partition] = (next, etags[2]);
                    return true;
                }
                catch (TableTransactionFailedException)
                {
                    // The key is recorded (before, or by this very transaction whose answer was lost and retried), or another
                    // instance moved the head: which one, the key row tells.
                    _heads.TryRemove(partition, out _);
                    if (await tables.Events.GetOrNullAsync(partition, EventKeys.KeyRow(e), ["Sequence"], ct).ConfigureAwait(false) is not null)
                        return false;
                }
            }
            throw new InvalidOperationException($"Could not append event {e.Id} for tenant {e.TenantId} after {MaxAttempts} attempts.");
        }
        finally
        {
            gate.Release();
        }
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

    /// <summary>One event by its sequence number, if the tenant has it.</summary>
    public async Task<StoredEvent?> GetAsync(string tenantId, long sequence, CancellationToken ct) =>
        await tables.Events.GetOrNullAsync(EventKeys.Partition(tenantId), EventKeys.SequenceRow(sequence), ct: ct).ConfigureAwait(false)
            is { } row ? ToStored(row) : null;

    private static StoredEvent ToStored(TableEntity row) =>
        new(EventRows.FromEntity(row), EventKeys.SequenceOf(row.RowKey), row.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue);

    private async Task<(long Sequence, string? ETag)> ReadHeadAsync(string partition, CancellationToken ct)
    {
        var row = await tables.Events.GetOrNullAsync(partition, EventKeys.HeadRow, ct: ct).ConfigureAwait(false);
        return row is null ? (0, null) : (row.GetInt64("Sequence") ?? 0, row.ETag.ToString());
    }
}
