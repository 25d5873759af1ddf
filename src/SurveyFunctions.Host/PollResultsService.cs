using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>PublishPollResults</c> queue trigger: each message records one poll's coalesced results
/// event (a range read and an append), so a batch of them runs side by side.
/// </summary>
public sealed class PollResultsService(
    SurveyStorage storage,
    PollResultsEvents results,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<PollResultsService> logger)
    : QueueJobService(storage.PollResultsQueue, storage.PollResultsPoisonQueue, 16, TimeSpan.FromSeconds(30), options, logger)
{
    protected override Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct) =>
        Parallel.ForEachAsync(messages, ct, (message, token) => new ValueTask(SettleAsync(message, results.ProcessMessageAsync, token)));
}
