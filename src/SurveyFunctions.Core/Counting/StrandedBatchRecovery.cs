using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// The timer job that finds committed vote batches nobody announced: a process that dies after a batch's transaction
/// and before its aggregation message reaches the queue leaves a batch row with no message. Results already include it
/// (pending rows), but the counters would not until some later vote in that partition sent a message. Every run looks
/// for batch rows older than one interval in every possible vote partition and queues an aggregation for each
/// partition that has one. A batch that is merely waiting in a backlog only earns an extra message; the aggregator is
/// idempotent, so that costs one empty read.
/// </summary>
public sealed class StrandedBatchRecovery(
    SurveyStorage storage,
    VoteCommitter committer,
    TimeProvider time,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<StrandedBatchRecovery> logger)
{
    /// <summary>Returns how many partitions it queued an aggregation for.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        // Batch ids start with their commit time in ticks, so "older than the cutoff" is a row key range.
        var cutoff = VoteKeys.BatchRow(VoteKeys.BatchIdPrefix(time.GetUtcNow() - TimeSpan.FromSeconds(options.Value.RecoveryIntervalSeconds)));
        var announced = 0;
        // Every partition VoteShards has ever allowed, so lowering the setting cannot strand the partitions above it.
        await Parallel.ForEachAsync(Enumerable.Range(0, VoteKeys.MaxPartitions),
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (index, token) =>
        {
            var partition = VoteKeys.Partition(index);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {VoteKeys.BatchPrefix} and RowKey lt {cutoff}");
            var page = await storage.PollVotes.QueryPageAsync(filter, top: 1, select: ["RowKey"], ct: token).ConfigureAwait(false);
            // An empty page with a continuation token means storage stopped early, not that nothing is there.
            if (page.Values.Count == 0 && page.ContinuationToken is null)
                return;
            await committer.ScheduleAggregationAsync(index, token).ConfigureAwait(false);
            Interlocked.Increment(ref announced);
            Log.StrandedBatchAnnounced(logger, partition);
        }).ConfigureAwait(false);
        return announced;
    }
}
