using System.Collections.Concurrent;
using System.Diagnostics;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>A poll's counts as read at a moment, with the monotonic times the read started and finished, and what each vote
/// partition's query saw when.</summary>
public sealed record TallySnapshot(TargetCounts Counts, long StartedAt, long CompletedAt, IReadOnlyDictionary<int, PartitionReading> Partitions)
{
    /// <summary>Batches looked up after this snapshot was read, and whether each was still pending then (one read per batch, shared by
    /// its voters).</summary>
    internal ConcurrentDictionary<string, Task<bool>> LaterPending { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Reads poll results: per vote partition, one query returns the poll's counter and its pending batches, so the sum is
/// every accepted vote whether or not the aggregator has run. Public reads share a snapshot at most a second old;
/// a voter's own response is built so that it always includes their vote exactly once.
/// </summary>
public sealed class PollTally(SurveyStorage storage)
{
    private static readonly long SnapshotTtl = Stopwatch.Frequency;
    private readonly ConcurrentDictionary<string, Task<TallySnapshot>> _snapshots = new(StringComparer.Ordinal);

    public async Task<TargetCounts> ReadAsync(Poll poll, CancellationToken ct) =>
        (await ReadWithPartitionsAsync(poll, ct).ConfigureAwait(false)).Counts;

    private async Task<(TargetCounts Counts, Dictionary<int, PartitionReading> Partitions)> ReadWithPartitionsAsync(Poll poll, CancellationToken ct)
    {
        var (counts, partitions) = await CounterReader.ReadWithPartitionsAsync(storage.PollVotes, VoteKeys.PartitionIndexes(poll.ShardBase,
            poll.Shards), VoteKeys.TargetRangeStart(poll.Id), VoteKeys.TargetRangeEnd(poll.Id), ct).ConfigureAwait(false);
        return (counts.GetValueOrDefault(poll.Id) ?? TargetCounts.Empty, partitions);
    }

    /// <summary>A snapshot no older than a second; concurrent callers share one read.</summary>
    public async Task<TallySnapshot> GetSnapshotAsync(Poll poll, CancellationToken ct)
    {
        var current = _snapshots.GetOrAdd(poll.Id, _ => TakeSnapshotAsync(poll));
        if (current.IsCompletedSuccessfully && Stopwatch.GetTimestamp() - current.Result.StartedAt > SnapshotTtl)
            current = Refresh(poll, current);
        else if (current.IsFaulted || current.IsCanceled)
            current = Refresh(poll, current);
        return await current.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Results for a voter who was just admitted: their own vote is in, exactly once. The shared snapshot serves unless its
    /// read of the vote's partition overlapped the vote's commit and did not see the vote's batch pending; then a point read
    /// of the batch row decides, and only if the batch was aggregated meanwhile is the poll read afresh.
    /// </summary>
    public async Task<TargetCounts> ReadIncludingAsync(Poll poll, VoteAdmission admission, int partitionIndex, IReadOnlyList<long> slots,
        CancellationToken ct)
    {
        var snapshot = await GetSnapshotAsync(poll, ct).ConfigureAwait(false);
        if (snapshot.CompletedAt < admission.SubmittedAt && admission.Kind == AdmissionKind.Accepted)
            return WithVote(snapshot.Counts, slots); // read finished before the vote was written: it cannot be in it
        if (snapshot.StartedAt > admission.CommittedAt)
            return snapshot.Counts; // read began after the vote was durable: it is in it
        if (admission is { Kind: AdmissionKind.Accepted, BatchId: { } batch } && snapshot.Partitions.TryGetValue(partitionIndex, out var seen))
        {
            if (seen.CompletedAt < admission.SubmittedAt)
                return WithVote(snapshot.Counts, slots);
            if (seen.StartedAt > admission.CommittedAt || seen.PendingBatches.Contains(batch))
                return snapshot.Counts; // the partition holding the vote was read after it was durable, or saw it pending
            // Not seen pending: either read before the commit, or aggregated before the read. A batch row still there now was
            // never aggregated (aggregation deletes it with the pending rows), so the read came before the commit.
            if (await snapshot.LaterPending.GetOrAdd(batch, b => IsPendingAsync(partitionIndex, b)).WaitAsync(ct).ConfigureAwait(false))
                return WithVote(snapshot.Counts, slots);
        }
        // The read overlapped the write: take one that began afterwards.
        var current = _snapshots.GetOrAdd(poll.Id, _ => TakeSnapshotAsync(poll));
        var fresh = await current.WaitAsync(ct).ConfigureAwait(false);
        if (fresh.StartedAt <= admission.CommittedAt)
            fresh = await Refresh(poll, current).WaitAsync(ct).ConfigureAwait(false);
        return fresh.Counts;
    }

    private async Task<bool> IsPendingAsync(int partitionIndex, string batch) =>
        await storage.PollVotes.GetOrNullAsync(VoteKeys.Partition(partitionIndex), VoteKeys.BatchRow(batch), ["RowKey"], CancellationToken.None)
            .ConfigureAwait(false) is not null;

    private Task<TallySnapshot> Refresh(Poll poll, Task<TallySnapshot> seen)
    {
        // Only the caller that replaces the snapshot it saw starts a read; the others join that read.
        var next = new TaskCompletionSource<TallySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_snapshots.TryUpdate(poll.Id, next.Task, seen))
            return _snapshots.GetOrAdd(poll.Id, _ => TakeSnapshotAsync(poll));
        _ = CompleteAsync(poll, next);
        return next.Task;
    }

    private async Task CompleteAsync(Poll poll, TaskCompletionSource<TallySnapshot> target)
    {
        try
        {
            target.SetResult(await TakeSnapshotAsync(poll).ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            target.SetException(ex);
        }
    }

    private async Task<TallySnapshot> TakeSnapshotAsync(Poll poll)
    {
        var started = Stopwatch.GetTimestamp();
        var (counts, partitions) = await ReadWithPartitionsAsync(poll, CancellationToken.None).ConfigureAwait(false);
        return new TallySnapshot(counts, started, Stopwatch.GetTimestamp(), partitions);
    }

    private static TargetCounts WithVote(TargetCounts counts, IReadOnlyList<long> slots)
    {
        var perSlot = new Dictionary<long, long>(counts.PerSlot);
        foreach (var slot in slots)
            perSlot[slot] = perSlot.GetValueOrDefault(slot) + 1;
        return new TargetCounts(counts.Total + 1, perSlot, counts.Pending + 1);
    }
}
