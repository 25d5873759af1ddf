using System.Collections.Concurrent;
using System.Diagnostics;
using SurveyFunctions.Core.Platform;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Polls.Voting;

/// <summary>A poll's counts as read at a moment, with the monotonic times the read started and finished.</summary>
public sealed record TallySnapshot(PollCounts Counts, long StartedAt, long CompletedAt);

/// <summary>
/// Reads poll results: per vote partition, one query returns the poll's counter and its pending batches, so the sum is
/// every accepted vote whether or not the aggregator has run. Public reads share a snapshot at most a second old;
/// a voter's own response is built so that it always includes their vote exactly once.
/// </summary>
public sealed class PollTally(SurveyStorage storage)
{
    private static readonly long SnapshotTtl = Stopwatch.Frequency;
    private readonly ConcurrentDictionary<string, Task<TallySnapshot>> _snapshots = new(StringComparer.Ordinal);

    public async Task<PollCounts> ReadAsync(Poll poll, CancellationToken ct)
    {
        var parts = await Task.WhenAll(VoteKeys.PartitionIndexes(poll).Select(i => ReadPartitionAsync(poll.Id, VoteKeys.Partition(i), ct))).ConfigureAwait(false);
        long total = 0, pending = 0;
        var perSlot = new Dictionary<int, long>();
        foreach (var (voters, pend, slots) in parts)
        {
            total += voters;
            pending += pend;
            foreach (var (slot, n) in slots)
                perSlot[slot] = perSlot.GetValueOrDefault(slot) + n;
        }
        return new PollCounts(total, perSlot, pending);
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

    /// <summary>Results for a voter who was just admitted: their own vote is in, exactly once.</summary>
    public async Task<PollCounts> ReadIncludingAsync(Poll poll, VoteAdmission admission, IReadOnlyList<int> slots, CancellationToken ct)
    {
        var snapshot = await GetSnapshotAsync(poll, ct).ConfigureAwait(false);
        if (snapshot.CompletedAt < admission.SubmittedAt && admission.Kind == AdmissionKind.Accepted)
            return WithVote(snapshot.Counts, slots); // read finished before the vote was written: it cannot be in it
        if (snapshot.StartedAt > admission.CommittedAt)
            return snapshot.Counts; // read began after the vote was durable: it is in it
        // The read overlapped the write: take one that began afterwards.
        var current = _snapshots.GetOrAdd(poll.Id, _ => TakeSnapshotAsync(poll));
        var fresh = await current.WaitAsync(ct).ConfigureAwait(false);
        if (fresh.StartedAt <= admission.CommittedAt)
            fresh = await Refresh(poll, current).WaitAsync(ct).ConfigureAwait(false);
        return fresh.Counts;
    }

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
        var counts = await ReadAsync(poll, CancellationToken.None).ConfigureAwait(false);
        return new TallySnapshot(counts, started, Stopwatch.GetTimestamp());
    }

    private static PollCounts WithVote(PollCounts counts, IReadOnlyList<int> slots)
    {
        var perSlot = new Dictionary<int, long>(counts.PerSlot);
        foreach (var slot in slots)
            perSlot[slot] = perSlot.GetValueOrDefault(slot) + 1;
        return new PollCounts(counts.Total + 1, perSlot, counts.Pending + 1);
    }

    private async Task<(long Voters, long Pending, Dictionary<int, long> Slots)> ReadPartitionAsync(string pollId, string partition, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {VoteKeys.PollRangeStart(pollId)} and RowKey lt {VoteKeys.PollRangeEnd(pollId)}");
        long voters = 0, pending = 0;
        var slots = new Dictionary<int, long>();
        var counterRow = VoteKeys.CounterRow(pollId);
        var tallyRow = VoteKeys.TallyRow(pollId);
        await foreach (var row in storage.PollVotes.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            if (row.RowKey == tallyRow)
                continue;
            var n = row.GetInt64("N") ?? 0;
            voters += n;
            if (row.RowKey != counterRow)
                pending += n;
            foreach (var (key, value) in row)
            {
                if (key.Length > 1 && key[0] == 's' && value is long count && int.TryParse(key.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture, out var slot))
                    slots[slot] = slots.GetValueOrDefault(slot) + count;
            }
        }
        return (voters, pending, slots);
    }
}
