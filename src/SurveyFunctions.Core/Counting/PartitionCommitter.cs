using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// Commits the votes of one vote partition, one transaction at a time: reads the caps' tallies, submits the transaction
/// <see cref="VoteTransaction"/> builds, settles the callers, and handles what storage answered (a repeat voter, a tally
/// another instance moved, storage unavailable). The decisions themselves are <see cref="VoteAdmissionRules"/>'.
/// </summary>
internal sealed class PartitionCommitter
{
    private const int MaxContendedRounds = 25;
    private const int MaxUnavailableRounds = 2;

    // A scheduled message becomes visible this much later (queues count whole seconds); commits landing before then ride on it.
    private static readonly long MessageDelayTicks = Stopwatch.Frequency;
    private static readonly long MessageMarginTicks = Stopwatch.Frequency / 5;

    private readonly int _index;
    private readonly SurveyStorage _storage;
    private readonly CounterTargets _targets;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _partition;
    private readonly Dictionary<string, CapTally> _tallies = new(StringComparer.Ordinal);
    private readonly RecentVoters _recent = new();
    private readonly GroupCommitQueue<PendingVote> _queue;
    private long _messageVisibleAt;

    public PartitionCommitter(int index, SurveyStorage storage, CounterTargets targets, TimeProvider time, ILogger logger)
    {
        (_index, _storage, _targets, _time, _logger) = (index, storage, targets, time, logger);
        _partition = VoteKeys.Partition(index);
        _queue = new GroupCommitQueue<PendingVote>(VoteTransaction.Fitting, CommitAsync, Fail);
    }

    public void Enqueue(PendingVote vote) => _queue.Enqueue(vote);

    private static void Fail(List<PendingVote> batch, Exception exception)
    {
        foreach (var vote in batch)
            vote.Completion.TrySetException(exception);
    }

    private async Task CommitAsync(List<PendingVote> batch)
    {
        // The same voter twice in one batch: the first goes to storage, the others follow its outcome.
        var (leaders, followers) = VoteAdmissionRules.SplitRepeatVoters(batch);
        await CommitDistinctAsync(leaders).ConfigureAwait(false);

        foreach (var (vote, leader) in followers)
        {
            var outcome = await leader.Completion.Task.ConfigureAwait(false);
            if (VoteAdmissionRules.FollowerOutcome(vote, leader, outcome.Kind) is { } kind)
                vote.Settle(kind, outcome.CommittedAt);
            else
                Enqueue(vote); // the stored vote is not the leader's; the follower must compare with storage itself
        }
    }

    private async Task CommitDistinctAsync(List<PendingVote> votes)
    {
        // A voter this committer stored lately is settled as storage would settle them, without a failing transaction
        // (capped polls excepted: their votes are checked against the cap first, as before).
        var remaining = new List<PendingVote>(votes.Count);
        foreach (var vote in votes)
        {
            if (vote.Target.Cap is null && _recent.Find(vote) is { } options)
                await SettleExistingVoterAsync(vote, options).ConfigureAwait(false);
            else
                remaining.Add(vote);
        }
        var unavailable = 0;
        // Only rounds lost to another instance's tally write count against the limit: a round that settles a repeat voter
        // takes one vote out, so those rounds end by themselves however many repeats one commit carries (every client
        // retrying at once after a crash sends a commit full of votes that are already stored).
        var contended = 0;
        while (remaining.Count > 0)
        {
            if (contended == MaxContendedRounds)
                throw new InvalidOperationException($"Vote partition {_partition}: could not commit after {MaxContendedRounds} contended attempts.");
            try
            {
                var (admitted, refused) = await AdmitWithinCapsAsync(remaining).ConfigureAwait(false);
                if (admitted.Count == 0)
                {
                    SettleAll(refused, AdmissionKind.CapReached);
                    await CloseFullPollsAsync(refused).ConfigureAwait(false);
                    return;
                }

                var (batchId, actions, tallyActions) = VoteTransaction.Build(_partition, VoteKeys.NewBatchId(_time.GetUtcNow()), admitted, _tallies);
                IReadOnlyList<string?>? etags;
                try
                {
                    CountingMetrics.Commits.Add(1);
                    etags = await _storage.PollVotes.SubmitAsync(actions).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } failed && failed >= 0
                    && failed < admitted.Count)
                {
                    // A voter record already exists: a retry of the same vote, a second different vote, or this very
                    // transaction retried by the storage client after storage applied it and the answer was lost.
                    var repeat = admitted[failed];
                    var existing = await ReadVoterAsync(repeat).ConfigureAwait(false);
                    if (existing?.GetString("Batch") != batchId)
                    {
                        if (existing is null)
                            Enqueue(repeat); // deleted meanwhile (its poll deleted): try afresh
                        else
                            await SettleExistingVoterAsync(repeat, existing.GetString("Options")).ConfigureAwait(false);
                        remaining = [.. remaining.Where(v => !ReferenceEquals(v, repeat))];
                        continue;
                    }
                    etags = null; // all of it committed (transactions are atomic), but the new ETags are unknown
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412
                    && tallyActions.Any(t => t.ActionIndex == ex.FailedTransactionActionIndex))
                {
                    // Another instance admitted votes to the same capped poll: re-read its tally and try again.
                    _tallies.Remove(tallyActions.First(t => t.ActionIndex == ex.FailedTransactionActionIndex).TargetKey);
                    contended++;
                    continue;
                }

                foreach (var (actionIndex, targetKey, admittedAfter) in tallyActions)
                {
                    if (etags is null)
                        _tallies.Remove(targetKey); // re-read on next use
                    else
                        _tallies[targetKey] = new CapTally(admittedAfter, etags[actionIndex]);
                }
                // Durable: only now may the callers hear "success".
                CountingMetrics.CommittedVotes.Add(admitted.Count);
                _recent.Add(admitted);
                await TryScheduleAggregationAsync().ConfigureAwait(false);
                var committedAt = Stopwatch.GetTimestamp();
                SettleAll(admitted, AdmissionKind.Accepted, committedAt, batchId);
                SettleAll(refused, AdmissionKind.CapReached, committedAt);
                await CloseFullPollsAsync(admitted).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (StorageFailures.IsUnavailable(ex) && ++unavailable <= MaxUnavailableRounds)
            {
                // The client's own retries ran out. One transaction carries many callers' votes, so give storage another
                // round before failing them all. Safe to redo: if the lost attempt was applied, its voter rows make this
                // one's inserts conflict and each vote settles as the repeat it is (counted once).
                Log.CommitRetried(_logger, ex, _partition);
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
            Log.AggregationNotScheduled(_logger, ex, _partition);
        }
    }

    /// <summary>Splits votes into those within their target's remaining cap and those past it, reading the caps' tallies first.</summary>
    private async Task<(List<PendingVote> Admitted, List<PendingVote> Refused)> AdmitWithinCapsAsync(List<PendingVote> votes)
    {
        foreach (var targetKey in votes.Where(v => v.Target.Cap is not null).Select(v => v.Target.Key).Distinct(StringComparer.Ordinal))
            await GetTallyAsync(targetKey).ConfigureAwait(false);
        return VoteAdmissionRules.SplitByCaps(votes, _tallies);
    }

    private async Task GetTallyAsync(string targetKey)
    {
        if (_tallies.ContainsKey(targetKey))
            return;
        var row = await _storage.PollVotes.GetOrNullAsync(_partition, VoteKeys.TallyRow(targetKey)).ConfigureAwait(false);
        _tallies[targetKey] = row is null ? new CapTally(0, null) : new CapTally(row.GetInt64("Admitted") ?? 0, row.ETag.ToString());
    }

    private Task<TableEntity?> ReadVoterAsync(PendingVote vote) =>
        _storage.PollVotes.GetOrNullAsync(_partition, VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash), ["Options", "Batch"]);

    /// <summary>Compares a repeat voter's new vote with the stored one. A repeat also re-schedules aggregation, which recovers a batch whose message
    /// was lost in a crash.</summary>
    private async Task SettleExistingVoterAsync(PendingVote vote, string? storedOptions)
    {
        if (storedOptions == vote.OptionsText)
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
        foreach (var target in VoteAdmissionRules.FullTargets(votes, _tallies))
        {
            try
            {
                await _targets.CloseAtCapAsync(target.Key, _time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                // The tally already refuses further votes; the recorded close is retried on the next refused vote.
                Log.CapCloseFailed(_logger, ex, target.Key);
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
        await _storage.VoteQueue.SendMessageAsync(AggregationMessage.Create(_index), visibilityTimeout: delay,
            cancellationToken: ct).ConfigureAwait(false);
        if (!force)
            Volatile.Write(ref _messageVisibleAt, now + MessageDelayTicks);
    }

    private static void SettleAll(List<PendingVote> votes, AdmissionKind kind, long committedAt = 0, string? batchId = null)
    {
        var at = committedAt == 0 ? Stopwatch.GetTimestamp() : committedAt;
        foreach (var vote in votes)
            vote.Settle(kind, at, batchId);
    }
}
