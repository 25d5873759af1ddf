using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// The timer job that finishes counting completions and answer changes a process left: a finishing submission, or one that
/// changes a counted response's answers, writes a marker, saves the session, counts its answers and deletes the marker
/// (<see cref="SessionAnswerCounter"/>), so a marker older than one recovery interval means the process died (or storage
/// failed) somewhere in between. For each such marker it reads the session: completed, it is counted as it stands now, at
/// each answer's current revision (again is harmless: each revision's vote is counted once), its events are recorded (again
/// is harmless too: <see cref="ResponseEventPublisher"/>), and the marker goes; not completed,
/// the submission never saved, and once that is clearly over (<see cref="AbandonedAfter"/>) the marker goes too: a later
/// finishing submission writes its own. Markers live only in the survey partitions (<see cref="SurveyCounterKeys.Shards"/>),
/// found by one key-range query each.
/// </summary>
public sealed class UncountedSessionRecovery(
    SurveyStorage storage,
    SessionStore sessions,
    SessionAnswerCounter counter,
    ResponseEventPublisher events,
    TimeProvider time,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<UncountedSessionRecovery> logger)
{
    /// <summary>A finishing submission that has not saved its session by then has failed.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Returns how many completed sessions it counted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = SurveyCounterKeys.MarkerCutoff(now - TimeSpan.FromSeconds(options.Value.RecoveryIntervalSeconds));
        var counted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, SurveyCounterKeys.Shards),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (index, token) =>
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {VoteKeys.Partition(index)} and RowKey ge {SurveyCounterKeys.MarkerPrefix} and RowKey lt {cutoff}");
            await foreach (var marker in storage.PollVotes.QueryAsync<TableEntity>(filter, cancellationToken: token).ConfigureAwait(false))
            {
                if (await RecoverAsync(index, marker, now, token).ConfigureAwait(false))
                    Interlocked.Increment(ref counted);
            }
        }).ConfigureAwait(false);
        return counted;
    }

    private async Task<bool> RecoverAsync(int partitionIndex, TableEntity marker, DateTimeOffset now, CancellationToken ct)
    {
        var locator = new SessionLocator(
            marker.GetString("TenantId") ?? "", marker.GetString("SurveyUuid") ?? "", marker.GetInt64("SessionId") ?? 0,
                marker.GetString("RespondentKey"));
        var session = locator.TenantId.Length == 0 ? null : await sessions.GetAsync(locator, ct).ConfigureAwait(false);
        if (session is { IsCompleted: false } && now - SurveyCounterKeys.MarkerTime(marker.RowKey) < AbandonedAfter)
            return false; // its submission may still be saving; look again next time

        var counts = session is { IsCompleted: true, IsDisqualified: false };
        if (counts)
        {
            await counter.RecordAsync(session!).ConfigureAwait(false);
            Log.SessionCountRecovered(logger, locator.SurveyUuid, locator.SessionId);
        }
        if (session is { IsCompleted: true })
            await events.PublishAsync(session, ct).ConfigureAwait(false);
        await counter.DeleteMarkerAsync(partitionIndex, marker.RowKey, marker.ETag, ct).ConfigureAwait(false);
        return counts;
    }
}
