using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls.Voting;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>AggregateVotes</c> queue trigger. It takes up to 32 messages at a time and aggregates
/// each partition they name once (the Functions trigger handles them one by one; the result is the same). A message
/// that keeps failing moves to the poison queue after <c>MaxDequeueCount</c> deliveries, as the Functions runtime does.
/// </summary>
public sealed partial class VoteAggregationService(
    SurveyStorage storage,
    VoteAggregator aggregator,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<VoteAggregationService> logger) : BackgroundService
{
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await storage.VoteQueue.ReceiveMessagesAsync(32, VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                if (messages.Length == 0)
                {
                    await Task.Delay(IdleDelay, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                await ProcessAsync(messages, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReceiveFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ProcessAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
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
                await DeleteAsync(message, token).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>Leaves a failed message to reappear (retry), or moves it to the poison queue when its deliveries are used up.</summary>
    private async Task FailAsync(QueueMessage message, Exception ex, CancellationToken ct)
    {
        if (message.DequeueCount < options.Value.MaxDequeueCount)
        {
            LogMessageFailed(logger, ex, message.MessageId, message.DequeueCount);
            return;
        }
        await storage.VotePoisonQueue.SendMessageAsync(message.Body, cancellationToken: ct).ConfigureAwait(false);
        await DeleteAsync(message, ct).ConfigureAwait(false);
        LogPoisoned(logger, message.MessageId, StorageNames.VotePoisonQueue, message.DequeueCount);
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken ct)
    {
        if (!await storage.VoteQueue.DeleteIfPresentAsync(message, ct).ConfigureAwait(false))
            LogAlreadyDeleted(logger, message.MessageId);
    }

    [LoggerMessage(104, LogLevel.Information, "Vote message {MessageId} was already gone when deleting it (another receiver handled it); aggregation is idempotent")]
    private static partial void LogAlreadyDeleted(ILogger logger, string messageId);

    [LoggerMessage(101, LogLevel.Error, "Receiving from the vote queue failed; retrying in a second")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception);

    [LoggerMessage(102, LogLevel.Warning, "Vote message {MessageId} failed (delivery {DequeueCount}); it will be retried")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string messageId, long dequeueCount);

    [LoggerMessage(103, LogLevel.Error, "Vote message {MessageId} moved to {PoisonQueue} after {DequeueCount} deliveries")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string poisonQueue, long dequeueCount);
}
