namespace SurveyFunctions.Storage;

/// <summary>Entry point for queues of one account. Create once and share: it owns the pipeline.</summary>
public sealed class QueueServiceClient
{
    private readonly ServiceRequestContext _context;

    public QueueServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        _context = new ServiceRequestContext(StoragePipeline.Build(account, options, forTables: false), account.QueueEndpoint);
    }

    /// <summary>Cheap: queue clients share the service client's pipeline.</summary>
    public QueueClient GetQueueClient(string queueName) => new(_context, queueName);
}
