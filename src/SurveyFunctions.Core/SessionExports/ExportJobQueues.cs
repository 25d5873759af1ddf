using Azure.Storage.Queues;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>The queue of export jobs to run or resume (<see cref="ExportJob.Message"/>) and its poison queue.</summary>
public sealed class ExportJobQueues(SurveyStorage storage) : ITableSetup
{
    public QueueClient Queue { get; } = storage.QueueService.GetQueueClient(StorageNames.ExportQueue);
    public QueueClient PoisonQueue { get; } = storage.QueueService.GetQueueClient(StorageNames.ExportPoisonQueue);

    public Task EnqueueAsync(string tenantId, string exportId, CancellationToken ct) =>
        Queue.SendMessageAsync(ExportJob.Message(tenantId, exportId), ct);

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
    }
}
