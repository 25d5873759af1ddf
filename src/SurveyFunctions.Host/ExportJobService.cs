using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.SessionExports;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>RunExports</c> queue trigger: one export job at a time, its message kept invisible while it
/// runs (renewed every half <see cref="VisibilityTimeout"/>, as the Functions runtime does), so a job of any length runs once,
/// while a process killed mid-job lets the message reappear within seconds and the job resume from its checkpoint.
/// </summary>
public sealed class ExportJobService(ExportJobQueues queues, ExportJob job, IOptions<SurveyFunctionsOptions> options,
    ILogger<ExportJobService> logger)
    : QueueJobService(queues.Queue, queues.PoisonQueue, 1, VisibilityTimeout, options, logger)
{
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);

    protected override async Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        foreach (var received in messages)
        {
            using var running = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var keepInvisible = KeepInvisibleAsync(received, running.Token);
            try
            {
                await job.ProcessMessageAsync(received.Body.ToString(), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await running.CancelAsync().ConfigureAwait(false);
                await FailAsync(await keepInvisible.ConfigureAwait(false), ex, ct).ConfigureAwait(false);
                continue;
            }
            await running.CancelAsync().ConfigureAwait(false);
            await CompleteAsync(await keepInvisible.ConfigureAwait(false), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Extends the message's invisibility until cancelled; returns it with its latest pop receipt (what deletes it).</summary>
    private async Task<QueueMessage> KeepInvisibleAsync(QueueMessage message, CancellationToken ct)
    {
        var receipt = message.PopReceipt;
        try
        {
            while (true)
            {
                await Task.Delay(VisibilityTimeout / 2, ct).ConfigureAwait(false);
                var updated = await queues.Queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: VisibilityTimeout,
                    cancellationToken: ct).ConfigureAwait(false);
                receipt = updated.Value.PopReceipt;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return QueuesModelFactory.QueueMessage(message.MessageId, receipt, message.Body, message.DequeueCount, message.NextVisibleOn,
                message.InsertedOn, message.ExpiresOn);
        }
    }
}
