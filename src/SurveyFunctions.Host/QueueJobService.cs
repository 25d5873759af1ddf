using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of a Functions queue trigger: receives up to <paramref name="batchSize"/> messages at a time and
/// hands them to <see cref="HandleAsync"/>, which settles each one with <see cref="CompleteAsync"/> or <see cref="FailAsync"/>.
/// A failed message reappears after <paramref name="visibilityTimeout"/> (a retry), and moves to <paramref name="poisonQueue"/>
/// once its deliveries reach <c>MaxDequeueCount</c>, as the Functions runtime does.
/// </summary>
public abstract partial class QueueJobService(
    QueueClient queue,
    QueueClient poisonQueue,
    int batchSize,
    TimeSpan visibilityTimeout,
    IOptions<SurveyFunctionsOptions> options,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(batchSize, visibilityTimeout, stoppingToken).ConfigureAwait(false);
                if (messages.Length == 0)
                {
                    await Task.Delay(IdleDelay, stoppingToken).ConfigureAwait(false);
                    continue;
                }
                await HandleAsync(messages, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogReceiveFailed(logger, ex, queue.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Handles the received messages; each must end in <see cref="CompleteAsync"/> or <see cref="FailAsync"/>.</summary>
    protected abstract Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct);

    /// <summary>Leaves a failed message to reappear (retry), or moves it to the poison queue when its deliveries are used up.</summary>
    protected async Task FailAsync(QueueMessage message, Exception ex, CancellationToken ct)
    {
        if (message.DequeueCount < options.Value.MaxDequeueCount)
        {
            LogMessageFailed(logger, ex, queue.Name, message.MessageId, message.DequeueCount);
            return;
        }
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: ct).ConfigureAwait(false);
        await CompleteAsync(message, ct).ConfigureAwait(false);
        LogPoisoned(logger, queue.Name, message.MessageId, poisonQueue.Name, message.DequeueCount);
    }

    /// <summary>Runs <paramref name="handle"/> on the message's text, then completes the message, or fails it if that threw.</summary>
    protected async Task SettleAsync(QueueMessage message, Func<string, CancellationToken, Task> handle, CancellationToken ct)
    {
        try
        {
            await handle(message.Body.ToString(), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FailAsync(message, ex, ct).ConfigureAwait(false);
            return;
        }
        await CompleteAsync(message, ct).ConfigureAwait(false);
    }

    /// <summary>Deletes a handled message; one another receiver already deleted is fine (the jobs are idempotent).</summary>
    protected async Task CompleteAsync(QueueMessage message, CancellationToken ct)
    {
        if (!await queue.DeleteIfPresentAsync(message, ct).ConfigureAwait(false))
            LogAlreadyDeleted(logger, queue.Name, message.MessageId);
    }

    [LoggerMessage(101, LogLevel.Error, "Receiving from queue {Queue} failed; retrying in a second")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(102, LogLevel.Warning, "Message {MessageId} of queue {Queue} failed (delivery {DequeueCount}); it will be retried")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, string queue, string messageId, long dequeueCount);

    [LoggerMessage(103, LogLevel.Error, "Message {MessageId} of queue {Queue} moved to {PoisonQueue} after {DequeueCount} deliveries")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, string poisonQueue, long dequeueCount);

    [LoggerMessage(104, LogLevel.Information,
        "Message {MessageId} of queue {Queue} was already gone when deleting it (another receiver handled it); the job is idempotent")]
    private static partial void LogAlreadyDeleted(ILogger logger, string queue, string messageId);
}
