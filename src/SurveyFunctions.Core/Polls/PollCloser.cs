using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// The closing timer job: closes polls whose <c>ends_at</c> has passed, recording <c>closed_at</c> and <c>close_reason</c>,
/// and surveys whose <c>stop_criteria: date</c> has passed (<see cref="SurveySchedule"/>, <see cref="SurveyCloser"/>).
/// It walks hour buckets of the schedule table from a stored cursor to now (no scan), and after closing a poll it
/// schedules a final aggregation of the poll's partitions. Votes and submissions are refused from the end instant
/// whether or not this ran.
/// </summary>
public sealed class PollCloser(SurveyStorage storage, PollStore polls, SurveyCloser surveys, VoteCommitter committer, TimeProvider time,
    ILogger<PollCloser> logger)
{
    // How far back the very first run looks; later runs continue from the cursor.
    private static readonly TimeSpan FirstRunLookback = TimeSpan.FromHours(48);

    /// <summary>Returns how many polls and surveys it closed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cursorRow = await storage.PollSchedule.GetOrNullAsync(PollSchedule.CursorPartition, "", ct: ct).ConfigureAwait(false);
        var from = cursorRow?.GetString("Next") is { } next ? PollSchedule.Parse(next) : now - FirstRunLookback;
        var currentBucket = PollSchedule.Bucket(now);
        var closed = 0;
        string? nextCursor = null;

        for (var hour = Truncate(from); string.CompareOrdinal(PollSchedule.Bucket(hour), currentBucket) <= 0; hour = hour.AddHours(1))
        {
            var bucket = PollSchedule.Bucket(hour);
            var allDue = true;
            await foreach (var row in storage.PollSchedule.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"),
                cancellationToken: ct).ConfigureAwait(false))
            {
                if (row.GetDateTimeOffset("EndsAt") is { } endsAt && endsAt > now)
                {
                    allDue = false;
                    continue;
                }
                var done = SurveySchedule.Parse(row.RowKey) is var (tenantId, uuid)
                    ? await surveys.CloseIfDueAsync(tenantId, uuid, now, ct).ConfigureAwait(false)
                    : await CloseAsync(row.RowKey, now, ct).ConfigureAwait(false);
                if (done)
                    closed++;
                await storage.PollSchedule.DeleteEntityAsync(bucket, row.RowKey, ETag.All, ct).ConfigureAwait(false);
            }
            // The cursor may pass a bucket only when its hour is over and nothing in it is still to come.
            if (nextCursor is null && (!allDue || bucket == currentBucket))
                nextCursor = bucket;
        }

        nextCursor ??= currentBucket;
        await storage.PollSchedule.UpsertEntityAsync(new TableEntity(PollSchedule.CursorPartition, "") { ["Next"] = nextCursor },
            TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return closed;
    }

    private async Task<bool> CloseAsync(string pollId, DateTimeOffset now, CancellationToken ct)
    {
        var poll = await polls.GetAsync(pollId, ct).ConfigureAwait(false);
        if (poll is null || poll.ClosedAt is not null || poll.EndsAt is not { } endsAt || endsAt > now)
            return false;
        if (!await polls.MarkClosedAsync(pollId, CloseReasons.EndsAt, endsAt, ct).ConfigureAwait(false))
            return false;
        Log.PollClosed(logger, pollId, CloseReasons.EndsAt);
        // Fold in anything still pending (including a batch whose message a crash lost).
        foreach (var index in VoteKeys.PartitionIndexes(poll.ShardBase, poll.Shards))
            await committer.ScheduleAggregationAsync(index, ct).ConfigureAwait(false);
        return true;
    }

    private static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }
}
