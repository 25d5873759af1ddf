using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>An event waiting to be appended: its row (sequence key set at commit), its rough size, and who waits for it.</summary>
internal sealed class PendingAppend(DomainEvent e, TableEntity row)
{
    public DomainEvent Event { get; } = e;
    public TableEntity Row { get; } = row;
    public string KeyRow { get; } = EventKeys.KeyRow(e);

    /// <summary>UTF-16 bytes of its strings, roughly what it adds to a transaction's payload.</summary>
    public long Size { get; } = ((IDictionary<string, object>)row).Values.Sum(v => v is string s ? s.Length * 2L : 16L) + 512;

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Appends to one tenant's log (<see cref="EventStore"/>): group commit, so concurrent appends share one entity group
/// transaction: per event its key row (an <c>Add</c>, which fails for a key recorded before) and its row under the next
/// sequence number, then the head row with If-Match. A refused transaction drops the events whose key rows exist (recorded
/// before, or by this very transaction whose answer was lost) and tries the rest again from the head as stored.
/// </summary>
internal sealed class EventPartitionWriter
{
    // Two rows per event plus the head within a transaction's 100 actions, and well inside its 4 MiB payload.
    private const int MaxPerTransaction = 49;
    private const long MaxTransactionBytes = 3L * 1024 * 1024;
    private const int MaxAttempts = 30;

    private readonly TableClient _events;
    private readonly string _partition;
    private readonly TimeProvider _time;
    private readonly GroupCommitQueue<PendingAppend> _queue;

    // The head as last written or read here; dropped whenever another writer may have moved it.
    private (long Sequence, string? ETag)? _head;

    public EventPartitionWriter(TableClient events, string partition, TimeProvider time)
    {
        (_events, _partition, _time) = (events, partition, time);
        _queue = new GroupCommitQueue<PendingAppend>(Fitting, CommitAsync, Fail);
    }

    public Task<bool> AppendAsync(DomainEvent e, CancellationToken ct)
    {
        var pending = new PendingAppend(e, EventRows.ToEntity(_partition, "", e));
        _queue.Enqueue(pending);
        return pending.Done.Task.WaitAsync(ct);
    }

    private static int Fitting(IReadOnlyList<PendingAppend> waiting)
    {
        var (count, bytes) = (0, 0L);
        while (count < waiting.Count && count < MaxPerTransaction && (count == 0 || bytes + waiting[count].Size <= MaxTransactionBytes))
            bytes += waiting[count++].Size;
        return count;
    }

    private void Fail(List<PendingAppend> batch, Exception exception)
    {
        _head = null;
        foreach (var pending in batch)
            pending.Done.TrySetException(exception);
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        // A key twice in one batch (a transaction touches an entity once): the first is appended, the others were "recorded before".
        var remaining = new List<PendingAppend>(batch.Count);
        foreach (var group in batch.GroupBy(p => p.KeyRow, StringComparer.Ordinal))
        {
            remaining.Add(group.First());
            foreach (var duplicate in group.Skip(1))
                duplicate.Done.TrySetResult(false);
        }
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Event log {_partition}: could not append after {MaxAttempts} attempts.");
            var head = _head ?? await ReadHeadAsync().ConfigureAwait(false);
            var actions = new List<TableTransactionAction>(remaining.Count * 2 + 1);
            var recordedAt = _time.GetUtcNow();
            for (var i = 0; i < remaining.Count; i++)
            {
                var sequence = head.Sequence + 1 + i;
                var row = remaining[i].Row;
                row.RowKey = EventKeys.SequenceRow(sequence);
                row["RecordedAt"] = recordedAt;
                actions.Add(new(TableTransactionActionType.Add, new TableEntity(_partition, remaining[i].KeyRow)
                    { ["Sequence"] = sequence, ["EventId"] = remaining[i].Event.Id, ["RecordedAt"] = recordedAt }));
                actions.Add(new(TableTransactionActionType.Add, row));
            }
            var last = head.Sequence + remaining.Count;
            var headRow = new TableEntity(_partition, EventKeys.HeadRow) { ["Sequence"] = last };
            actions.Add(head.ETag is null ? new(TableTransactionActionType.Add, headRow)
                : new(TableTransactionActionType.UpdateReplace, headRow, new ETag(head.ETag)));
            try
            {
                var etags = await _events.SubmitAsync(actions).ConfigureAwait(false);
                _head = (last, etags[^1]);
                foreach (var pending in remaining)
                    pending.Done.TrySetResult(true);
                return;
            }
            catch (TableTransactionFailedException)
            {
                // Some key is recorded, or another instance moved the head: drop the recorded ones, then try again.
                _head = null;
                var found = await Task.WhenAll(remaining.Select(p => _events.GetOrNullAsync(_partition, p.KeyRow, ["Sequence"])))
                    .ConfigureAwait(false);
                for (var i = remaining.Count - 1; i >= 0; i--)
                {
                    if (found[i] is null)
                        continue;
                    remaining[i].Done.TrySetResult(false);
                    remaining.RemoveAt(i);
                }
            }
        }
    }

    private async Task<(long Sequence, string? ETag)> ReadHeadAsync()
    {
        var row = await _events.GetOrNullAsync(_partition, EventKeys.HeadRow).ConfigureAwait(false);
        return row is null ? (0, null) : (row.GetInt64("Sequence") ?? 0, row.ETag.ToString());
    }
}
