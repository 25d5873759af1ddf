using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>AggregateVotes</c> queue trigger. It takes up to 32 messages at a time and aggregates
/// each partition they name once (the Functions trigger handles them one by one; the result is the same).
/// </summary>
public sealed class VoteAggregationService(
    SurveyStorage storage,
    VoteAggregator aggregator,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<VoteAggregationService> logger)
    : QueueJobService(storage.VoteQueue, storage.VotePoisonQueue, 32, TimeSpan.FromSeconds(10), options, logger)
{
    protected override async Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        var byPartition = messages.GroupBy(m => AggregationMessage.TryParse(m.Body.ToString()) ?? -1);
        await Parallel.ForEachAsync(byPartition, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (group, token) =>
        {
            try
            {
                if (group.Key < 0)
                    throw new FormatException("Not a vote aggregation message.");
                await aggregator.AggregatePartitionAsync(group.Key, token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                foreach (var message in group)
                    await FailAsync(message, ex, token).ConfigureAwait(false);
                return;
            }
            foreach (var message in group)
                await CompleteAsync(message, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }
}
