using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls.Voting;
using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>A completion being counted: its marker row (<see cref="SurveyCounterKeys.MarkerRow"/>) in a vote partition.</summary>
public sealed record CountingMarker(int PartitionIndex, string RowKey);

/// <summary>
/// Counts the answers of completed sessions into the survey's counters through the vote pipeline (<see cref="VoteCommitter"/>),
/// exactly once per session and question: the session is the voter, so recording a session again changes nothing.
/// <para>
/// What is counted is what the session stored, read back after the save that completed it, so a retried or racing final
/// submission can never count answers other than the stored ones. The count must not be lost if the process dies between
/// that save and the count, so a finishing submission first writes a marker (<see cref="AnnounceAsync"/>), saves, then
/// counts and deletes the marker (<see cref="CountAsync"/>); <see cref="UncountedSessionRecovery"/> finishes what a dead
/// process left. Disqualified sessions are not counted: they are not responses (the Take family's <c>terminated</c>), and
/// the results show how many there were apart.
/// </para>
/// </summary>
public sealed class SessionAnswerCounter(SurveyStorage storage, VoteCommitter committer, TimeProvider time, ILogger<SessionAnswerCounter> logger)
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
        await storage.PollVotes.AddEntityAsync(row, ct).ConfigureAwait(false);
        return marker;
    }

    /// <summary>
    /// After the save: counts <paramref name="stored"/> (the session as stored now) if it is completed and not disqualified,
    /// then deletes the marker. A failure here is not the respondent's: the session is finished, the marker stays, and
    /// recovery counts it within two of its intervals; so it is logged, not thrown.
    /// </summary>
    public async Task CountAsync(CountingMarker marker, SurveySession? stored)
    {
        if (stored is { IsCompleted: false })
            return; // not finished after all: the marker waits for the session (recovery decides)
        try
        {
            if (stored is { IsDisqualified: false })
                await RecordAsync(stored).ConfigureAwait(false);
            await DeleteMarkerAsync(marker.PartitionIndex, marker.RowKey, ETag.All, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or InvalidOperationException || StorageFailures.IsUnavailable(ex))
        {
            Log.SessionCountDeferred(logger, ex, stored?.SurveyUuid ?? "", stored?.Id ?? 0);
        }
    }

    /// <summary>Records every answer of a completed session, and the session itself, each once however often this runs.</summary>
    public async Task RecordAsync(SurveySession session)
    {
        var partition = SurveyCounterKeys.PartitionIndex(session.Id);
        var voter = SurveyCounterKeys.Voter(session.Id);
        var votedAt = session.CompletedAt ?? time.GetUtcNow();
        PendingVote Vote(string targetKey, IReadOnlyList<string> answer, IReadOnlyList<long> slots) => new()
        {
            Target = new CounterTarget(targetKey),
            VoterHash = voter,
            PartitionIndex = partition,
            OptionIds = answer,
            Slots = slots,
            VotedAt = votedAt,
        };

        var votes = new List<PendingVote>(session.Answers.Count + 1)
        {
            Vote(SurveyCounterKeys.CompletedSessions(session.TenantId, session.SurveyUuid), [], []),
        };
        foreach (var answer in session.Answers)
        {
            var target = SurveyCounterKeys.Question(session.TenantId, session.SurveyUuid, answer.QuestionId);
            if (answer.OptionIds.Count > 0)
            {
                var picked = answer.OptionIds.Distinct().Order().ToArray();
                votes.Add(Vote(target, [.. picked.Select(id => id.ToString(CultureInfo.InvariantCulture))], picked));
            }
            else if (answer.Value is { } value)
            {
                votes.Add(Vote(target, [value.ToString(CultureInfo.InvariantCulture)], [SurveyCounterKeys.ValueSlot(value)]));
            }
            else if (answer.Text is not null)
            {
                votes.Add(Vote(target, [], []));
            }
        }

        var admissions = await Task.WhenAll(votes.Select(committer.SubmitAsync)).ConfigureAwait(false);
        for (var i = 0; i < votes.Count; i++)
        {
            // A taken session's answers never change once it is complete; a survey response's may (its answers are resubmitted),
            // and the counters keep the first answer counted: logged so that a difference is visible.
            if (admissions[i].Kind == AdmissionKind.AlreadyVoted)
                Log.SessionCountDiffers(logger, session.SurveyUuid, session.Id, votes[i].Target.Key);
        }
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
            var markers = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {SurveyCounterKeys.MarkerPrefix} and RowKey lt {SurveyCounterKeys.MarkerRangeEnd} and TenantId eq {tenantId} and SurveyUuid eq {surveyUuid}");
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
