using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>
/// Counts the finished sessions of one completion partition (<see cref="CompletionKeys"/>), one transaction at a time.
/// Concurrent completions are group-committed: one transaction holds a marker insert per session (a session counted before
/// fails its insert: exactly-once), the finishing respondents, and the shard's tally with If-Match (so a response cap holds
/// under any concurrency, across instances). Completions past the cap are refused before anything is written.
/// </summary>
internal sealed class CompletionPartition
{
    /// <summary>A marker and a respondent row per completion, plus the tally, within a transaction's 100 actions.</summary>
    private const int MaxPerTransaction = 49;

    private const int MaxAttempts = 25;

    private readonly string _tenantId;
    private readonly string _surveyUuid;
    private readonly int _shard;
    private readonly SessionTables _tables;
    private readonly string _partition;
    private readonly GroupCommitQueue<PendingCompletion> _queue;

    // The tally as last written or read here; dropped whenever another writer may have moved it.
    private Tally? _tally;

    public CompletionPartition(string tenantId, string surveyUuid, int shard, SessionTables tables)
    {
        (_tenantId, _surveyUuid, _shard, _tables) = (tenantId, surveyUuid, shard, tables);
        _partition = CompletionKeys.Partition(tenantId, surveyUuid, shard);
        _queue = new GroupCommitQueue<PendingCompletion>(waiting => Math.Min(waiting.Count, MaxPerTransaction), CommitAsync, Fail);
    }

    public void Enqueue(PendingCompletion completion) => _queue.Enqueue(completion);

    private void Fail(List<PendingCompletion> batch, Exception exception)
    {
        _tally = null;
        foreach (var completion in batch)
            completion.Completion.TrySetException(exception);
    }

    private async Task CommitAsync(List<PendingCompletion> batch)
    {
        // The same session twice in one batch (a double-clicked final page): the first is counted, the rest follow it.
        var leaders = new Dictionary<long, PendingCompletion>();
        var followers = new List<(PendingCompletion Completion, PendingCompletion Leader)>();
        foreach (var completion in batch)
        {
            if (leaders.TryGetValue(completion.Session.SessionId, out var leader))
                followers.Add((completion, leader));
            else
                leaders[completion.Session.SessionId] = completion;
        }

        await CommitDistinctAsync([.. leaders.Values]).ConfigureAwait(false);

        foreach (var (completion, leader) in followers)
        {
            var outcome = await leader.Completion.Task.ConfigureAwait(false);
            completion.Settle(outcome.Result == CompletionResult.QuotaFull ? CompletionResult.QuotaFull : CompletionResult.AlreadyCounted);
        }
    }

    private async Task CommitDistinctAsync(List<PendingCompletion> remaining)
    {
        for (var attempt = 0; remaining.Count > 0; attempt++)
        {
            if (attempt == MaxAttempts)
                throw new InvalidOperationException($"Completion partition {_partition}: could not commit after {MaxAttempts} attempts.");

            var capped = remaining.Any(c => c.Cap is not null);
            var tally = _tally is { } cached && (cached.BaselineKnown || !capped) ? cached : await ReadTallyAsync(capped).ConfigureAwait(false);
            var (admitted, refused) = Admit(remaining, tally);
            if (admitted.Count == 0)
            {
                foreach (var completion in refused)
                    completion.Settle(CompletionResult.QuotaFull);
                return;
            }

            var batchId = Guid.NewGuid().ToString("N");
            var after = tally with
            {
                Completed = tally.Completed + admitted.Count(c => !c.Disqualified),
                Disqualified = tally.Disqualified + admitted.Count(c => c.Disqualified),
            };
            var actions = BuildTransaction(admitted, batchId, tally, after);
            var tallyIndex = actions.Count - 1;
            IReadOnlyList<string?> etags;
            try
            {
                etags = await _tables.Completions.SubmitAsync(actions).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } failed && failed >= 0
                && failed < admitted.Count)
            {
                // A marker already exists: that session was counted before, or this very transaction was applied and its
                // answer lost (the client retried it). The marker's batch id tells which.
                _tally = null;
                var marker = await _tables.Completions.GetOrNullAsync(_partition, CompletionKeys.SessionRow(admitted[failed].Session.SessionId),
                    ["Batch"]).ConfigureAwait(false);
                if (marker?.GetString("Batch") == batchId)
                {
                    SettleCommitted(admitted, refused, after);
                    return;
                }
                admitted[failed].Settle(CompletionResult.AlreadyCounted);
                remaining.Remove(admitted[failed]);
                continue;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && ex.FailedTransactionActionIndex == tallyIndex)
            {
                // Another instance counted completions here since the tally was read: read it again.
                _tally = null;
                continue;
            }

            _tally = after with { ETag = etags[tallyIndex] };
            SettleCommitted(admitted, refused, after);
            return;
        }
    }

    /// <summary>Disqualified completions always; qualified ones while the cap has room.</summary>
    private static (List<PendingCompletion> Admitted, List<PendingCompletion> Refused) Admit(List<PendingCompletion> completions, Tally tally)
    {
        var admitted = new List<PendingCompletion>(completions.Count);
        var refused = new List<PendingCompletion>();
        var counted = tally.Baseline + tally.Completed;
        foreach (var completion in completions)
        {
            if (completion.Disqualified || completion.Cap is not { } cap || counted < cap)
            {
                admitted.Add(completion);
                if (!completion.Disqualified)
                    counted++;
            }
            else
            {
                refused.Add(completion);
            }
        }
        return (admitted, refused);
    }

    private List<TableTransactionAction> BuildTransaction(List<PendingCompletion> admitted, string batchId, Tally before, Tally after)
    {
        var actions = new List<TableTransactionAction>(admitted.Count * 2 + 1);
        foreach (var completion in admitted)
        {
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(_partition, CompletionKeys.SessionRow(completion.Session.SessionId))
            {
                ["SessionId"] = completion.Session.SessionId,
                ["Disqualified"] = completion.Disqualified,
                ["CompletedAt"] = completion.CompletedAt,
                ["Batch"] = batchId,
            }));
        }
        // A respondent finishing twice in one batch (allow_multiple_responses) is one row: a transaction touches an entity once.
        foreach (var completion in admitted.Where(c => c.ExternalId is not null).DistinctBy(c => c.Session.RespondentKey))
        {
            actions.Add(new(TableTransactionActionType.UpsertMerge,
                new TableEntity(_partition, CompletionKeys.RespondentRow(completion.Session.RespondentKey!))
            {
                ["ExternalId"] = completion.ExternalId,
                ["RespondentId"] = completion.RespondentId,
                ["LastCompletedAt"] = completion.CompletedAt,
            }));
        }
        var tallyRow = new TableEntity(_partition, CompletionKeys.TallyRow) { ["Completed"] = after.Completed,
            ["Disqualified"] = after.Disqualified };
        actions.Add(before.ETag is null
            ? new(TableTransactionActionType.Add, tallyRow)
            : new(TableTransactionActionType.UpdateReplace, tallyRow, new ETag(before.ETag)));
        return actions;
    }

    private static void SettleCommitted(List<PendingCompletion> admitted, List<PendingCompletion> refused, Tally after)
    {
        // Only the completion that filled the cap reports it, so one request (not the whole batch) closes the survey.
        var filler = admitted.LastOrDefault(c => !c.Disqualified && c.Cap is { } cap && after.Baseline + after.Completed >= cap);
        foreach (var completion in admitted)
            completion.Settle(CompletionResult.Counted, ReferenceEquals(completion, filler));
        foreach (var completion in refused)
            completion.Settle(CompletionResult.QuotaFull);
    }

    /// <summary>
    /// This shard's tally, and for a capped survey's shard 0 also the qualified completions of the other shards (counted
    /// before the survey had its cap; they no longer change, since capped completions all come here).
    /// </summary>
    private async Task<Tally> ReadTallyAsync(bool capped)
    {
        var own = _tables.Completions.GetOrNullAsync(_partition, CompletionKeys.TallyRow);
        long baseline = 0;
        if (capped)
        {
            var others = await Task.WhenAll(Enumerable.Range(0, CompletionKeys.Shards).Where(s => s != _shard)
                .Select(s => _tables.Completions.GetOrNullAsync(CompletionKeys.Partition(_tenantId, _surveyUuid, s), CompletionKeys.TallyRow,
                    ["Completed"]))).ConfigureAwait(false);
            baseline = others.Sum(row => row?.GetInt64("Completed") ?? 0);
        }
        var row = await own.ConfigureAwait(false);
        return new Tally(row?.GetInt64("Completed") ?? 0, row?.GetInt64("Disqualified") ?? 0, row?.ETag.ToString(), baseline, capped);
    }

    private sealed record Tally(long Completed, long Disqualified, string? ETag, long Baseline, bool BaselineKnown);
}
