using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>A completion being counted: its marker row (<see cref="SurveyCounterKeys.MarkerRow"/>) in a vote partition.</summary>
public sealed record CountingMarker(int PartitionIndex, string RowKey);

/// <summary>
/// Counts the answers of completed sessions into the survey's counters through the vote pipeline (<see cref="VoteCommitter"/>),
/// exactly once per session, question and revision: the session is the voter, so recording a session again changes nothing.
/// <para>
/// What is counted is what the session stored, read back after the save that completed it, so a retried or racing final
/// submission can never count answers other than the stored ones. The count must not be lost if the process dies between
/// that save and the count, so a finishing submission first writes a marker (<see cref="AnnounceAsync"/>), saves, then
/// counts and deletes the marker (<see cref="CountAsync"/>); <see cref="UncountedSessionRecovery"/> finishes what a dead
/// process left. Disqualified sessions are not counted: they are not responses (the Take family's <c>terminated</c>), and
/// the results show how many there were apart.
/// </para>
/// <para>
/// Answers can change after the count (a survey response submitted again). Each change of a question's counted answer is
/// its next revision (<see cref="AnswerRevisions"/>, kept with the session, whose If-Match writes serialize changes), and
/// revision r is one vote of its own (voter <see cref="SurveyCounterKeys.Voter(long, int)"/>) carrying the difference from
/// revision r-1: -1 for each slot that answer had, +1 for each the new one has, and the voters' change (0, or ±1 when an
/// answer is skipped or first given). So a question's count is the sum of its revisions' votes, which is the stored answer
/// once every revision up to the stored one is counted. The order that never takes back what was not counted, so no count
/// goes below zero or counts twice even midway: revision r is committed only after revision r-1. A change commits the
/// revision it replaces before it saves
/// (<see cref="CountBeforeChangeAsync"/>; usually a repeat of what was counted already), and counts its own after the
/// save, through the same marker as a completion; recovery, or the next change, counts it if the process died first.
/// Only the Responses family changes a counted session (<c>Taking.WholeSurveySubmitter.SubmitAsync</c>): the
/// page-by-page flow (Take, Panelists, their pages) refuses submissions once a session is complete, and Account only reads.
/// </para>
/// </summary>
public sealed class SessionAnswerCounter(SurveyStorage storage, VoteCommitter committer, ResponseEventPublisher events, TimeProvider time,
    ILogger<SessionAnswerCounter> logger)
{
    /// <summary>Before the save that finishes <paramref name="session"/>: the marker that makes its count recoverable.</summary>
    public async Task<CountingMarker> AnnounceAsync(SurveySession session, CancellationToken ct)
    {
        var marker = new CountingMarker(SurveyCounterKeys.PartitionIndex(session.Id), SurveyCounterKeys.MarkerRow(time.GetUtcNow()));
        var locator = session.Locator;
        var row = new TableEntity(VoteKeys.Partition(marker.PartitionIndex), marker.RowKey)
        {
            ["TenantId"] = locator.TenantId,
            ["SurveyUuid"] = locator.SurveyUuid,
            ["SessionId"] = locator.SessionId,
        };
        if (locator.RespondentKey is not null)
            row["RespondentKey"] = locator.RespondentKey;
        try
        {
            await storage.PollVotes.AddEntityAsync(row, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // The row key is this attempt's own (random part): the storage client retried an insert whose answer was lost.
        }
        return marker;
    }

    /// <summary>
    /// After the save: counts <paramref name="stored"/> (the session as stored now) if it is completed and not disqualified,
    /// records its events (<see cref="ResponseEventPublisher"/>), then deletes the marker. A failure here is not the
    /// respondent's: the session is finished, the marker stays, and recovery counts and reports it within two of its
    /// intervals; so it is logged, not thrown.
    /// </summary>
    public async Task CountAsync(CountingMarker marker, SurveySession? stored)
    {
        if (stored is { IsCompleted: false })
            return; // not finished after all: the marker waits for the session (recovery decides)
        try
        {
            if (stored is { IsDisqualified: false })
                await RecordAsync(stored).ConfigureAwait(false);
            if (stored is not null)
                await events.PublishAsync(stored, CancellationToken.None).ConfigureAwait(false);
            await DeleteMarkerAsync(marker.PartitionIndex, marker.RowKey, ETag.All, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException || StorageFailures.IsUnavailable(ex))
        {
            Log.SessionCountDeferred(logger, ex, stored?.SurveyUuid ?? "", stored?.Id ?? 0);
        }
    }

    /// <summary>Records the session itself and every answer of a completed session at its current revision, each once
    /// however often this runs.</summary>
    public async Task RecordAsync(SurveySession session)
    {
        var questions = session.Answers.Select(a => a.QuestionId).Concat(session.Revisions.Select(r => r.QuestionId)).Distinct();
        var completed = Vote(session, SurveyCounterKeys.CompletedSessions(session.TenantId, session.SurveyUuid), SurveyCounterKeys.Voter(session.Id),
            [], [], []);
        await SubmitAsync(session, [completed, .. AnswerVotes(session, questions).Select(v => v.Vote)]).ConfigureAwait(false);
    }

    /// <summary>
    /// Before <paramref name="changed"/> (a changed copy of the counted session <paramref name="stored"/>) is saved: commits
    /// the current revision of every answer that changes, as <paramref name="stored"/> has it, so the change's own votes take
    /// back only what was counted. A repeat unless the process that saved <paramref name="stored"/> died before counting it.
    /// Returns <paramref name="changed"/> to save, its revisions corrected where a first count differs from the stored answer
    /// (see <see cref="CountedFirstAsync"/>). Throws when storage fails: the change must not be saved then.
    /// </summary>
    public async Task<SurveySession> CountBeforeChangeAsync(SurveySession stored, SurveySession changed)
    {
        var changing = AnswerRevisions.Changed(stored, changed);
        if (changing.Count == 0)
            return changed;
        var votes = AnswerVotes(stored, changing).ToArray();
        var admissions = await SubmitAsync(stored, [.. votes.Select(v => v.Vote)]).ConfigureAwait(false);
        var revisions = changed.Revisions.ToDictionary(r => r.QuestionId);
        for (var i = 0; i < votes.Length; i++)
        {
            if (admissions[i].Kind == AdmissionKind.AlreadyVoted && stored.RevisionOf(votes[i].QuestionId) == 0)
            {
                var revision = revisions[votes[i].QuestionId];
                revisions[revision.QuestionId] = revision with { Previous = await CountedFirstAsync(votes[i].Vote,
                    stored.AnswerTo(revision.QuestionId)!).ConfigureAwait(false) };
            }
        }
        return changed with { Revisions = [.. revisions.Values.OrderBy(r => r.QuestionId)] };
    }

    /// <summary>
    /// What a question's first count recorded (its voter row's options, read as <paramref name="stored"/>'s kind of answer),
    /// for an answer whose stored value differs from it: one changed before answer revisions were recorded, when the counters
    /// kept the first answer. Its first change takes back what was counted, not what was stored.
    /// </summary>
    private async Task<CountedAnswer> CountedFirstAsync(PendingVote firstCount, SessionAnswer stored)
    {
        var row = await storage.PollVotes.GetOrNullAsync(VoteKeys.Partition(firstCount.PartitionIndex),
            VoteKeys.VoterRow(firstCount.Target.Key, firstCount.VoterHash), ["Options"]).ConfigureAwait(false);
        var recorded = (row?.GetString("Options") ?? "").Split(',',
            StringSplitOptions.RemoveEmptyEntries).Select(o => long.Parse(o, CultureInfo.InvariantCulture));
        return new CountedAnswer([.. stored.Value is null ? recorded : recorded.Select(CountedAnswer.ValueSlot)]);
    }

    /// <summary>
    /// One vote per question for the revision the session holds: what its answer counts less what the previous revision
    /// counted. None where that difference is nothing (a question not answered, or a text reworded).
    /// </summary>
    private IEnumerable<(long QuestionId, PendingVote Vote)> AnswerVotes(SurveySession session, IEnumerable<long> questionIds)
    {
        foreach (var questionId in questionIds)
        {
            var target = SurveyCounterKeys.Question(session.TenantId, session.SurveyUuid, questionId);
            var answer = session.AnswerTo(questionId);
            var now = CountedAnswer.Of(answer);
            var revision = session.RevisionOf(questionId);
            if (revision == 0)
            {
                // The answer as first counted: options as the voter row has always recorded them.
                if (now is not null)
                    yield return (questionId, Vote(session, target, SurveyCounterKeys.Voter(session.Id), AnswerText(answer!), now.Slots, [], 1));
                continue;
            }
            var before = session.Revisions.First(r => r.QuestionId == questionId).Previous;
            var added = (now?.Slots ?? []).Except(before?.Slots ?? []).ToArray();
            var removed = (before?.Slots ?? []).Except(now?.Slots ?? []).ToArray();
            var voters = (now is null ? 0 : 1) - (before is null ? 0 : 1);
            if (voters == 0 && added.Length == 0 && removed.Length == 0)
                continue;
            // The voter row records the difference it counted, so a retry compares equal and anything else is visible.
            string[] recorded = [$"n{voters}", .. added.Select(s => $"+{s}"), .. removed.Select(s => $"-{s}")];
            yield return (questionId, Vote(session, target, SurveyCounterKeys.Voter(session.Id, revision), recorded, added, removed, voters));
        }
    }

    /// <summary>A first-counted answer's options on its voter row: the option ids picked, or the value; nothing for text.</summary>
    private static string[] AnswerText(SessionAnswer answer) =>
        answer.OptionIds.Count > 0 ? [.. answer.OptionIds.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture))]
        : answer.Value is { } value ? [value.ToString(CultureInfo.InvariantCulture)]
        : [];

    private PendingVote Vote(SurveySession session, string targetKey, string voter, IReadOnlyList<string> recorded, IReadOnlyList<long> slots,
        IReadOnlyList<long> removedSlots, long voters = 1) => new()
    {
        Target = new CounterTarget(targetKey),
        VoterHash = voter,
        PartitionIndex = SurveyCounterKeys.PartitionIndex(session.Id),
        OptionIds = recorded,
        Slots = slots,
        RemovedSlots = removedSlots,
        Voters = voters,
        VotedAt = session.CompletedAt ?? time.GetUtcNow(),
    };

    private async Task<VoteAdmission[]> SubmitAsync(SurveySession session, IReadOnlyList<PendingVote> votes)
    {
        var admissions = await Task.WhenAll(votes.Select(committer.SubmitAsync)).ConfigureAwait(false);
        for (var i = 0; i < votes.Count; i++)
        {
            // One revision of one answer is one stored answer, so its vote can only differ from an earlier one if the
            // answer changed after it was counted, before revisions were recorded.
            if (admissions[i].Kind == AdmissionKind.AlreadyVoted)
                Log.SessionCountDiffers(logger, session.SurveyUuid, session.Id, votes[i].Target.Key);
        }
        return admissions;
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the survey's rows in the vote pipeline: in each survey partition its voter
    /// rows, its counters and pending rows (<see cref="SurveyCounterKeys"/>: every target key starts with the survey's own
    /// prefix, ended by '.', so another survey's keys are never in range), and its counting markers. Batch rows (<c>q|…</c>)
    /// may list other targets too and are left to the aggregator, which drops a deleted survey's votes from them. Returns how many.
    /// </summary>
    public async Task<int> DeleteSurveyCountsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var deleted = 0;
        var ranges = new[] { SurveyCounterKeys.VoterRange(tenantId, surveyUuid), SurveyCounterKeys.CounterRange(tenantId, surveyUuid) };
        for (var index = 0; index < SurveyCounterKeys.Shards && deleted < limit; index++)
        {
            var partition = VoteKeys.Partition(index);
            foreach (var (from, to) in ranges)
                deleted += await storage.PollVotes.DeleteRangeAsync(partition, from, to, limit - deleted, ct).ConfigureAwait(false);
            var (low, high) = (SurveyCounterKeys.MarkerPrefix, SurveyCounterKeys.MarkerRangeEnd);
            var markers = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high} and TenantId eq {tenantId} and SurveyUuid eq {surveyUuid}");
            deleted += await storage.PollVotes.DeleteWhereAsync(markers, Math.Max(0, limit - deleted), ct).ConfigureAwait(false);
        }
        return deleted;
    }

    /// <summary>Deletes a marker (If-Match <paramref name="etag"/>); one already gone or rewritten is left alone.</summary>
    internal async Task DeleteMarkerAsync(int partitionIndex, string rowKey, ETag etag, CancellationToken ct)
    {
        try
        {
            await storage.PollVotes.DeleteEntityAsync(VoteKeys.Partition(partitionIndex), rowKey, etag, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already handled by another instance.
        }
    }
}
