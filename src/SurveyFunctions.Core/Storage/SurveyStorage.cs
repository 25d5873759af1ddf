using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace SurveyFunctions.Core.Storage;

/// <summary>The app's tables and queues: SDK clients built once from the two service clients (<see cref="StorageClients"/>).</summary>
public sealed class SurveyStorage
{
    public SurveyStorage(TableServiceClient tables, QueueServiceClient queues)
    {
        TableService = tables;
        QueueService = queues;
        Tenants = tables.GetTableClient(StorageNames.TenantsTable);
        ApiKeys = tables.GetTableClient(StorageNames.ApiKeysTable);
        Polls = tables.GetTableClient(StorageNames.PollsTable);
        PollIndex = tables.GetTableClient(StorageNames.PollIndexTable);
        PollVotes = tables.GetTableClient(StorageNames.PollVotesTable);
        PollSchedule = tables.GetTableClient(StorageNames.PollScheduleTable);
        // Base64 comes from the service client's options (StorageClients): the Functions queue trigger decodes it.
        VoteQueue = queues.GetQueueClient(StorageNames.VoteQueue);
        VotePoisonQueue = queues.GetQueueClient(StorageNames.VotePoisonQueue);
        SurveyPurgeQueue = queues.GetQueueClient(StorageNames.SurveyPurgeQueue);
        SurveyPurgePoisonQueue = queues.GetQueueClient(StorageNames.SurveyPurgePoisonQueue);
        PollResultsQueue = queues.GetQueueClient(StorageNames.PollResultsQueue);
        PollResultsPoisonQueue = queues.GetQueueClient(StorageNames.PollResultsPoisonQueue);
    }

    /// <summary>For areas that keep their own tables (each builds its clients from this one service client).</summary>
    public TableServiceClient TableService { get; }

    /// <summary>For areas that keep their own queues (each builds its clients from this one service client).</summary>
    public QueueServiceClient QueueService { get; }

    public TableClient Tenants { get; }
    public TableClient ApiKeys { get; }
    public TableClient Polls { get; }
    public TableClient PollIndex { get; }
    public TableClient PollVotes { get; }
    public TableClient PollSchedule { get; }
    public QueueClient VoteQueue { get; }
    public QueueClient VotePoisonQueue { get; }
    public QueueClient SurveyPurgeQueue { get; }
    public QueueClient SurveyPurgePoisonQueue { get; }
    public QueueClient PollResultsQueue { get; }
    public QueueClient PollResultsPoisonQueue { get; }

    /// <summary>Creates what is missing. In Azure the Bicep templates create them; locally this is what makes Azurite ready.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        TableClient[] tables = [Tenants, ApiKeys, Polls, PollIndex, PollVotes, PollSchedule];
        foreach (var table in tables)
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        QueueClient[] queues = [VoteQueue, VotePoisonQueue, SurveyPurgeQueue, SurveyPurgePoisonQueue, PollResultsQueue, PollResultsPoisonQueue];
        foreach (var queue in queues)
            await queue.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
    }
}
