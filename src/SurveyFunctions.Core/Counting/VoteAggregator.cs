using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// The queue-triggered job: folds a vote partition's pending batches into its per-target counters, exactly once.
/// One transaction deletes the batch rows it applies (If-Match their ETags) and replaces the counters (If-Match theirs),
/// so a redelivered message finds nothing left to apply, and two aggregators racing on a partition cannot both win.
/// </summary>
public sealed class VoteAggregator(SurveyStorage storage, CounterTargets targets, ILogger<VoteAggregator> logger)
{
    private const int MaxActions = 100;
    private const int MaxAttempts = 50;

    // Batch rows per query: a backlog is read in few queries (each one costs a scan on Azurite), then applied in chunks.
    private const int PageSize = 1000;

    // Past this many uncached counters in one page of batches, one range query reads them instead of a point read each.
    private const int ManyCounters = 32;

    // Counters cached with their ETags (partitions x active targets); past this the cache starts over.
    private const int MaxCachedCounters = 200_000;

    // Counter rows with their ETags as last written here; a conflict drops the entry and it is read again.
    private readonly ConcurrentDictionary<(string Partition, string TargetKey), CounterState> _counters = new();

    // Targets of a transaction that failed: one may have been deleted, so they are checked before they are planned again.
    // Every other target is taken to exist without a read: a deleted target's pending rows went with it, and the pending-row
    // delete (no If-Match, but it must find the row) fails the transaction that would otherwise recreate its counter.
    private readonly ConcurrentDictionary<string, byte> _suspects = new(StringComparer.Ordinal);

    /// <summary>Handles one queue message (the Functions trigger's unit). Throws on a message that is not ours, so it
    /// ends in the poison queue.</summary>
    public Task ProcessMessageAsync(string messageText, CancellationToken ct) =>
        AggregationMessage.TryParse(messageText) is { } index
            ? AggregatePartitionAsync(index, ct)
            : throw new FormatException("Not a vote aggregation message.");

    /// <summary>
    /// Applies every pending batch of one partition; returns the voters it added (votes counted, less survey answers
    /// taken back). One query fetches up to
    /// <see cref="PageSize"/> batch rows, which are applied in as many transactions as they need. A page without a
    /// continuation is the end: a commit that sent no message of its own landed before the message being handled
    /// became visible (see <see cref="PartitionCommitter.ScheduleAggregationAsync"/>), so before this query.
    /// </summary>
    public async Task<long> AggregatePartitionAsync(int partitionIndex, CancellationToken ct)
    {
        var partition = VoteKeys.Partition(partitionIndex);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {VoteKeys.BatchPrefix} and RowKey lt {VoteKeys.BatchRangeEnd}");
        long applied = 0;
        string? continuation = null;
        for (var conflicts = 0; conflicts < MaxAttempts;)
        {
            var page = await storage.PollVotes.QueryPageAsync(filter, top: PageSize, continuation: continuation, ct: ct).ConfigureAwait(false);
            // Applied batches are deleted, so the next query starts from the top again; only an empty page that says
            // "more" (storage may stop early) is followed by its token.
            continuation = page.Values.Count == 0 ? page.ContinuationToken : null;
            if (page.Values.Count == 0 && continuation is null)
                return applied;

            var batches = page.Values.Select(PendingBatch.From).ToList();
            await PrefetchCountersAsync(partition, batches, ct).ConfigureAwait(false);
            var conflicted = false;
            for (var offset = 0; offset < batches.Count && !conflicted;)
            {
                var plan = await PlanAsync(partition, batches, offset, ct).ConfigureAwait(false);
                foreach (var (_, counter) in plan.Counters)
                    await targets.CountsChangingAsync(counter.TargetKey, ct).ConfigureAwait(false);
                try
                {
                    var etags = await storage.PollVotes.SubmitAsync(plan.Actions, ct).ConfigureAwait(false);
                    foreach (var (actionIndex, counter) in plan.Counters)
                    {
                        _counters[(partition, counter.TargetKey)] = counter with { ETag = etags[actionIndex] };
                        _suspects.TryRemove(counter.TargetKey, out _);
                    }
                    applied += plan.Votes;
                    offset += plan.Batches;
                }
                catch (TableTransactionFailedException ex)
                {
                    // Another aggregator got there first, or a target's owner was deleted: forget what we assumed and look again.
                    Log.AggregationConflict(logger, partition, ex.FailedTransactionActionIndex ?? -1, ex.Status);
                    foreach (var (_, counter) in plan.Counters)
                    {
                        _counters.TryRemove((partition, counter.TargetKey), out _);
                        targets.Forget(counter.TargetKey);
                        if (_suspects.Count < MaxCachedCounters)
                            _suspects.TryAdd(counter.TargetKey, 0);
                    }
                    conflicted = true;
                }
            }
            if (conflicted)
                conflicts++; // the budget is for conflicts, not for partitions with much work
            else if (page.Values.Count > 0 && page.ContinuationToken is null)
                return applied;
        }
        throw new InvalidOperationException($"Aggregation of vote partition {partition} kept conflicting; the message will be retried.");
    }

    /// <summary>Plans one transaction from the batches at <paramref name="offset"/> on: as many whole batches as fit.</summary>
    private async Task<AggregationPlan> PlanAsync(string partition, List<PendingBatch> batches, int offset, CancellationToken ct)
    {
        var actions = new List<TableTransactionAction>(MaxActions);
        var totals = new Dictionary<string, CounterState>(StringComparer.Ordinal);
        long votes = 0;
        var taken = 0;
        foreach (var (batch, batchId, batchTargets) in batches.Skip(offset))
        {
            var newTargets = batchTargets.Count(t => !totals.ContainsKey(t.TargetKey));
            // This batch's row, one pending row per target, and a counter per target in the plan.
            if (actions.Count > 0 && actions.Count + 1 + batchTargets.Count + totals.Count + newTargets > MaxActions)
                break;

            taken++;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, batch.RowKey), batch.ETag));
            foreach (var (targetKey, voters, slots) in batchTargets)
            {
                if (!await ExistsAsync(targetKey, ct).ConfigureAwait(false))
                    continue; // deleted with its rows: nothing left to count
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete,
                    new TableEntity(partition, VoteKeys.OutboxRow(targetKey, batchId)), ETag.All));
                if (!totals.TryGetValue(targetKey, out var counter))
                    counter = await GetCounterAsync(partition, targetKey, ct).ConfigureAwait(false);
                totals[targetKey] = counter.Add(voters, slots);
                votes += voters;
            }
        }

        var counters = new List<(int ActionIndex, CounterState Counter)>(totals.Count);
        foreach (var counter in totals.Values)
        {
            counters.Add((actions.Count, counter));
            var row = counter.ToEntity(partition);
            actions.Add(counter.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(counter.ETag)));
        }
        return new AggregationPlan(actions, counters, votes, taken);
    }

    /// <summary>
    /// Reads, in parallel, the counters of this page's targets that are not cached yet, so planning does not wait for them
    /// one by one: a page of a busy partition can name a thousand quiet targets, each needing its counter once.
    /// </summary>
    private async Task PrefetchCountersAsync(string partition, List<PendingBatch> batches, CancellationToken ct)
    {
        if (_counters.Count > MaxCachedCounters)
            _counters.Clear(); // a bound, not an eviction policy: re-reading is only slower, never wrong
        var missing = batches.SelectMany(b => b.Targets).Select(t => t.TargetKey).Distinct(StringComparer.Ordinal)
            .Where(targetKey => !_counters.ContainsKey((partition, targetKey))).ToList();
        if (missing.Count > ManyCounters)
        {
            await ReadPartitionCountersAsync(partition, missing, ct).ConfigureAwait(false);
            return;
        }
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (targetKey, token) =>
        {
            if (!await ExistsAsync(targetKey, token).ConfigureAwait(false))
                return;
            _counters.TryAdd((partition, targetKey), await ReadCounterAsync(partition, targetKey, token).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Many quiet targets (a thousand polls each with a vote here): the partition's counter rows in one range query (a page per
    /// thousand rows, pending rows included) instead of a point read each. A target without a counter row gets an empty one.
    /// </summary>
    private async Task ReadPartitionCountersAsync(string partition, List<string> missing, CancellationToken ct)
    {
        var wanted = missing.ToHashSet(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {VoteKeys.TargetPrefix} and RowKey lt {VoteKeys.TargetRangeAll}");
        await foreach (var row in storage.PollVotes.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            var (targetKey, kind) = VoteKeys.ParseTargetRow(row.RowKey);
            if (kind == 'c' && wanted.Remove(targetKey))
                _counters.TryAdd((partition, targetKey), CounterState.From(targetKey, row));
        }
        foreach (var absent in wanted)
            _counters.TryAdd((partition, absent), CounterState.Empty(absent));
    }

    /// <summary>Whether to count a target: asked of its owner only after a transaction with it failed (see the suspects).</summary>
    private Task<bool> ExistsAsync(string targetKey, CancellationToken ct) =>
        _suspects.ContainsKey(targetKey) ? targets.ExistsAsync(targetKey, ct) : Task.FromResult(true);

    private async Task<CounterState> GetCounterAsync(string partition, string targetKey, CancellationToken ct) =>
        _counters.TryGetValue((partition, targetKey), out var cached) ? cached : await ReadCounterAsync(partition, targetKey,
            ct).ConfigureAwait(false);

    private async Task<CounterState> ReadCounterAsync(string partition, string targetKey, CancellationToken ct)
    {
        var row = await storage.PollVotes.GetOrNullAsync(partition, VoteKeys.CounterRow(targetKey), ct: ct).ConfigureAwait(false);
        return row is null ? CounterState.Empty(targetKey) : CounterState.From(targetKey, row);
    }

    /// <summary>A batch row with its per-target counts decoded once.</summary>
    private sealed record PendingBatch(TableEntity Row, string BatchId, List<(string TargetKey, long Voters, Dictionary<long, long> Slots)> Targets)
    {
        public static PendingBatch From(TableEntity row) =>
            new(row, row.RowKey[VoteKeys.BatchPrefix.Length..], BatchCounts.Decode(row.GetString("Counts") ?? ""));
    }

    private sealed record AggregationPlan(List<TableTransactionAction> Actions, List<(int ActionIndex, CounterState Counter)> Counters, long Votes,
        int Batches);
}
