using SurveyFunctions.Storage;

namespace SurveyFunctions.Core.Platform;

/// <summary>The app's tables and queues, each client built once over one shared pipeline per service.</summary>
public sealed class SurveyStorage
{
    public SurveyStorage(StorageAccount account, StorageClientOptions? options = null)
    {
        var tables = new TableServiceClient(account, options);
        var queues = new QueueServiceClient(account, options);
        Tenants = tables.GetTableClient(StorageNames.TenantsTable);
        ApiKeys = tables.GetTableClient(StorageNames.ApiKeysTable);
        Polls = tables.GetTableClient(StorageNames.PollsTable);
        PollIndex = tables.GetTableClient(StorageNames.PollIndexTable);
        PollVotes = tables.GetTableClient(StorageNames.PollVotesTable);
        PollSchedule = tables.GetTableClient(StorageNames.PollScheduleTable);
        VoteQueue = queues.GetQueueClient(StorageNames.VoteQueue);
        VotePoisonQueue = queues.GetQueueClient(StorageNames.VotePoisonQueue);
    }

    public TableClient Tenants { get; }
    public TableClient ApiKeys { get; }
    public TableClient Polls { get; }
    public TableClient PollIndex { get; }
    public TableClient PollVotes { get; }
    public TableClient PollSchedule { get; }
    public QueueClient VoteQueue { get; }
    public QueueClient VotePoisonQueue { get; }

    /// <summary>Creates what is missing. In Azure the Bicep templates create them; locally this is what makes Azurite ready.</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        TableClient[] tables = [Tenants, ApiKeys, Polls, PollIndex, PollVotes, PollSchedule];
        foreach (var table in tables)
            await table.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await VoteQueue.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await VotePoisonQueue.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
