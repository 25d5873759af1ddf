using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// Commits the votes of one vote partition, one transaction at a time. A transaction holds: an insert per voter record
/// (which fails on a repeat voter, making deduplication exact), a pending-batch row per counter target (so results can
/// count votes the aggregator has not reached), one batch row (so the aggregator can find the work), and for capped polls
/// the admission tally with If-Match (so the cap holds under any concurrency, across instances).
/// </summary>
internal sealed class PartitionCommitter
{
    private const int MaxActions = 100;
    private const int MaxAttempts = 25;
    private const int MaxUnavailableRounds = 2;

    // A scheduled message becomes visible this much later (queues count whole seconds); commits landing before then ride on it.
    private static readonly long MessageDelayTicks = Stopwatch.Frequency;
    private static readonly long MessageMarginTicks = Stopwatch.Frequency / 5;

    private readonly int index;
    private readonly SurveyStorage storage;
    private readonly CounterTargets targets;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string _partition;
    private readonly Dictionary<string, (long Admitted, string? ETag)> _tallies = new(StringComparer.Ordinal);
    private readonly GroupCommitQueue<PendingVote> _queue;
    private long _messageVisibleAt;

    public PartitionCommitter(int index, SurveyStorage storage, CounterTargets targets, TimeProvider time, ILogger logger)
    {
        (this.index, this.storage, this.targets, this.time, this.logger) = (index, storage, targets, time, logger);
        _partition = VoteKeys.Partition(index);
        _queue = new GroupCommitQueue<PendingVote>(Fitting, CommitAsync, Fail);
    }

    public void Enqueue(PendingVote vote) => _queue.Enqueue(vote);

    /// <summary>How many waiting votes fit one transaction: voters + one row per target (+ tally if capped) + the batch row.</summary>
    private static int Fitting(IReadOnlyList<PendingVote> waiting)
    {
        var targetsSeen = new HashSet<string>(StringComparer.Ordinal);
        var actions = 1;
        var taken = 0;
        foreach (var vote in waiting)
        {
            var cost = 1 + (targetsSeen.Contains(vote.Target.Key) ? 0 : vote.Target.Cap is null ? 1 : 2);
            if (actions + cost > MaxActions)
                break;
            actions += cost;
            targetsSeen.Add(vote.Target.Key);
            taken++;
        }
        return taken;
    }

    private static void Fail(List<PendingVote> batch, Exception exception)
    {
        foreach (var vote in batch)
            vote.Completion.TrySetException(exception);
    }

    private async Task CommitAsync(List<PendingVote> batch)
    {
        // The same voter twice in one batch: the first goes to storage, the others follow its outcome.
        var leaders = new Dictionary<string, PendingVote>(StringComparer.Ordinal);
        var followers = new List<(PendingVote Vote, PendingVote Leader)>();
        foreach (var vote in batch)
        {
            var key = VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash);
            if (leaders.TryGetValue(key, out var leader))
                followers.Add((vote, leader));
            else
                leaders[key] = vote;
        }

        await CommitDistinctAsync([.. leaders.Values]).ConfigureAwait(false);

        foreach (var (vote, leader) in followers)
        {
            var outcome = await leader.Completion.Task.ConfigureAwait(false);
            switch (outcome.Kind)
            {
                case AdmissionKind.Accepted or AdmissionKind.Repeated:
                    vote.Settle(vote.OptionsText == leader.OptionsText ? AdmissionKind.Repeated : AdmissionKind.AlreadyVoted, outcome.CommittedAt);
                    break;
                case AdmissionKind.CapReached:
                    vote.Settle(AdmissionKind.CapReached, outcome.CommittedAt);
                    break;
                default:
                    // The stored vote is not the leader's; the follower must compare with storage itself.
                    Enqueue(vote);
                    break;
            }
        }
    }

    private async Task CommitDistinctAsync(List<PendingVote> votes)
    {
        var remaining = votes;
        var unavailable = 0;
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Vote partition {_partition}: could not commit after {MaxAttempts} attempts.");
            try
            {

                var (admitted, refused) = await AdmitWithinCapsAsync(remaining).ConfigureAwait(false);
                if (admitted.Count == 0)
                {
                    SettleAll(refused, AdmissionKind.CapReached);
                    await CloseFullPollsAsync(refused).ConfigureAwait(false);
                    return;
                }

                var (batchId, actions, tallyActions) = BuildTransaction(admitted);
                IReadOnlyList<string?>? etags;
                try
                {
                    etags = await storage.PollVotes.SubmitAsync(actions).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } failed && failed >= 0 && failed < admitted.Count)
                {
                    // A voter record already exists: a retry of the same vote, a second different vote, or this very
                    // transaction retried by the storage client after storage applied it and the answer was lost.
                    var repeat = admitted[failed];
                    var existing = await ReadVoterAsync(repeat).ConfigureAwait(false);
                    if (existing?.GetString("Batch") != batchId)
                    {
                        await SettleExistingVoterAsync(repeat, existing).ConfigureAwait(false);
                        remaining = [.. remaining.Where(v => !ReferenceEquals(v, repeat))];
                        continue;
                    }
                    etags = null; // all of it committed (transactions are atomic), but the new ETags are unknown
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && tallyActions.Any(t => t.ActionIndex == ex.FailedTransactionActionIndex))
                {
                    // Another instance admitted votes to the same capped poll: re-read its tally and try again.
                    _tallies.Remove(tallyActions.First(t => t.ActionIndex == ex.FailedTransactionActionIndex).TargetKey);
                    continue;
                }

                foreach (var (actionIndex, targetKey, admittedAfter) in tallyActions)
                {
                    if (etags is null)
                        _tallies.Remove(targetKey); // re-read on next use
                    else
                        _tallies[targetKey] = (admittedAfter, etags[actionIndex]);
                }
                // Durable: only now may the callers hear "success".
                await TryScheduleAggregationAsync().ConfigureAwait(false);
                var committedAt = Stopwatch.GetTimestamp();
                SettleAll(admitted, AdmissionKind.Accepted, committedAt);
                SettleAll(refused, AdmissionKind.CapReached, committedAt);
                await CloseFullPollsAsync(admitted).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (StorageFailures.IsUnavailable(ex) && ++unavailable <= MaxUnavailableRounds)
            {
                // The client's own retries ran out. One transaction carries many callers' votes, so give storage another
                // round before failing them all. Safe to redo: if the lost attempt was applied, its voter rows make this
                // one's inserts conflict and each vote settles as the repeat it is (counted once).
                Log.CommitRetried(logger, ex, _partition);
            }
        }
    }

    /// <summary>
    /// Queues the aggregation of what was just committed. If the queue stays unreachable through the client's retries the
    /// votes are still durable and already in results (pending rows), and the recovery job announces the batch within
    /// two of its intervals; failing the callers would only make them retry a vote that was recorded.
    /// </summary>
    private async Task TryScheduleAggregationAsync()
    {
        try
        {
            await ScheduleAggregationAsync(force: false, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException or IOException or OperationCanceledException)
        {
            Log.AggregationNotScheduled(logger, ex, _partition);
        }
    }

    /// <summary>Splits votes into those within their target's remaining cap and those past it.</summary>
    private async Task<(List<PendingVote> Admitted, List<PendingVote> Refused)> AdmitWithinCapsAsync(List<PendingVote> votes)
    {
        var admitted = new List<PendingVote>(votes.Count);
        var refused = new List<PendingVote>();
        var room = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            if (vote.Target.Cap is not { } cap)
            {
                admitted.Add(vote);
                continue;
            }
            if (!room.TryGetValue(vote.Target.Key, out var left))
                left = cap - (await GetTallyAsync(vote.Target.Key).ConfigureAwait(false)).Admitted;
            if (left > 0)
                admitted.Add(vote);
            else
                refused.Add(vote);
            room[vote.Target.Key] = left - 1;
        }
        return (admitted, refused);
    }

    private (string BatchId, List<TableTransactionAction> Actions, List<(int ActionIndex, string TargetKey, long AdmittedAfter)> Tallies) BuildTransaction(List<PendingVote> admitted)
    {
        var batchId = VoteKeys.NewBatchId(time.GetUtcNow());
        var actions = new List<TableTransactionAction>(admitted.Count + 8);
        foreach (var vote in admitted)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, VoterRecord(vote, batchId)));

        var tallies = new List<(int, string, long)>();
        var counts = new List<(string, long, IReadOnlyDictionary<long, long>)>();
        foreach (var group in admitted.GroupBy(v => v.Target.Key, StringComparer.Ordinal))
        {
            // Deltas, not just additions: a survey answer's change takes its old slots back (see PendingVote.RemovedSlots).
            var slots = new Dictionary<long, long>();
            foreach (var slot in group.SelectMany(v => v.Slots))
                slots[slot] = slots.GetValueOrDefault(slot) + 1;
            foreach (var slot in group.SelectMany(v => v.RemovedSlots))
                slots[slot] = slots.GetValueOrDefault(slot) - 1;
            foreach (var unchanged in slots.Where(s => s.Value == 0).Select(s => s.Key).ToArray())
                slots.Remove(unchanged);
            var voters = group.Sum(v => v.Voters);
            counts.Add((group.Key, voters, slots));

            var pending = new TableEntity(_partition, VoteKeys.OutboxRow(group.Key, batchId)) { ["N"] = voters };
            foreach (var (slot, n) in slots)
                pending[VoteKeys.SlotColumn(slot)] = n;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, pending));

            if (group.First().Target.Cap is not null)
            {
                // A cap counts admitted votes (only polls have caps, and their votes are all +1).
                var (count, etag) = _tallies[group.Key];
                var admittedAfter = count + group.Count();
                var tally = new TableEntity(_partition, VoteKeys.TallyRow(group.Key)) { ["Admitted"] = admittedAfter };
                tallies.Add((actions.Count, group.Key, admittedAfter));
                actions.Add(etag is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, tally)
                    : new TableTransactionAction(TableTransactionActionType.UpdateMerge, tally, new ETag(etag)));
            }
        }
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity(_partition, VoteKeys.BatchRow(batchId)) { ["Counts"] = BatchCounts.Encode(counts) }));
        return (batchId, actions, tallies);
    }

    private TableEntity VoterRecord(PendingVote vote, string batchId)
    {
        var row = new TableEntity(_partition, VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash))
        {
            ["Options"] = vote.OptionsText,
            ["VotedAt"] = vote.VotedAt,
            ["Batch"] = batchId,
        };
        if (vote.Fingerprint is not null) row["Fingerprint"] = vote.Fingerprint;
        if (vote.ClientMetadataJson is not null) row["ClientMetadata"] = vote.ClientMetadataJson;
        return row;
    }

    private async Task<(long Admitted, string? ETag)> GetTallyAsync(string targetKey)
    {
        if (_tallies.TryGetValue(targetKey, out var tally))
            return tally;
        var row = await storage.PollVotes.GetOrNullAsync(_partition, VoteKeys.TallyRow(targetKey)).ConfigureAwait(false);
        tally = row is null ? (0, null) : (row.GetInt64("Admitted") ?? 0, row.ETag.ToString());
        _tallies[targetKey] = tally;
        return tally;
    }

    private Task<TableEntity?> ReadVoterAsync(PendingVote vote) =>
        storage.PollVotes.GetOrNullAsync(_partition, VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash), ["Options", "Batch"]);

    /// <summary>Compares a repeat voter's new vote with the stored one. A repeat also re-schedules aggregation, which recovers a batch whose message was lost in a crash.</summary>
    private async Task SettleExistingVoterAsync(PendingVote vote, TableEntity? existing)
    {
        if (existing is null)
        {
            Enqueue(vote); // deleted meanwhile (its poll deleted): try afresh
            return;
        }
        if (existing.GetString("Options") == vote.OptionsText)
        {
            await TryScheduleAggregationAsync().ConfigureAwait(false);
            vote.Settle(AdmissionKind.Repeated, Stopwatch.GetTimestamp());
        }
        else
        {
            vote.Settle(AdmissionKind.AlreadyVoted, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Records the close of every capped target (a poll: only polls have caps) whose cap is now reached.</summary>
    private async Task CloseFullPollsAsync(List<PendingVote> votes)
    {
        foreach (var target in votes.Select(v => v.Target).Where(t => t.Cap is not null).DistinctBy(t => t.Key))
        {
            if (_tallies.TryGetValue(target.Key, out var tally) && tally.Admitted >= target.Cap)
            {
                try
                {
                    await targets.CloseAtCapAsync(target.Key, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (RequestFailedException ex)
                {
                    // The tally already refuses further votes; the recorded close is retried on the next refused vote.
                    Log.CapCloseFailed(logger, ex, target.Key);
                }
            }
        }
    }

    /// <summary>
    /// Makes sure an aggregation message for this partition becomes visible after every commit so far. A message is
    /// sent with a short delay, and commits that finish before it becomes visible need no message of their own:
    /// the aggregator reads the partition when it handles the message, after they landed.
    /// </summary>
    public async Task ScheduleAggregationAsync(bool force, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        if (!force && Volatile.Read(ref _messageVisibleAt) - MessageMarginTicks >= now)
            return;
        var delay = force ? TimeSpan.Zero : TimeSpan.FromTicks(MessageDelayTicks * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
        await storage.VoteQueue.SendMessageAsync(AggregationMessage.Create(index), visibilityTimeout: delay, cancellationToken: ct).ConfigureAwait(false);
        if (!force)
            Volatile.Write(ref _messageVisibleAt, now + MessageDelayTicks);
    }

    private static void SettleAll(List<PendingVote> votes, AdmissionKind kind, long committedAt = 0)
    {
        var at = committedAt == 0 ? Stopwatch.GetTimestamp() : committedAt;
        foreach (var vote in votes)
            vote.Settle(kind, at);
    }
}
