using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// Group commit for votes: concurrent votes bound for the same vote partition are written together in one entity group
/// transaction, and each request still answers only after its own vote is durable and its aggregation is scheduled.
/// One committer loop per partition, so batches grow by themselves when storage is slow.
/// </summary>
public sealed class VoteCommitter(SurveyStorage storage, CounterTargets targets, TimeProvider time, ILogger<VoteCommitter> logger)
{
    private readonly ConcurrentDictionary<int, PartitionCommitter> _partitions = new();

    public Task<VoteAdmission> SubmitAsync(PendingVote vote)
    {
        var committer = _partitions.GetOrAdd(vote.PartitionIndex, index => new PartitionCommitter(index, storage, targets, time, logger));
        committer.Enqueue(vote);
        return vote.Completion.Task;
    }

    /// <summary>Queues an aggregation of the partition now (used by the closing job to flush a poll's partitions).</summary>
    public Task ScheduleAggregationAsync(int partitionIndex, CancellationToken ct) =>
        _partitions.GetOrAdd(partitionIndex, index => new PartitionCommitter(index, storage, targets, time,
            logger)).ScheduleAggregationAsync(force: true, ct);
}
