using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Storage.Tests;

/// <summary>One private Azurite per test collection; tests isolate themselves with unique table/queue names.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _emulator;

    public AzuriteInstance Azurite => _emulator ?? throw new InvalidOperationException("Azurite not started.");

    public StorageAccount Account { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public QueueServiceClient Queues { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _emulator = await AzuriteInstance.StartAsync();
        Account = StorageAccount.Parse(_emulator.ConnectionString);
        Tables = new TableServiceClient(Account);
        Queues = new QueueServiceClient(Account);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public static string UniqueTableName() => "t" + Guid.NewGuid().ToString("N");

    public static string UniqueQueueName() => "q-" + Guid.NewGuid().ToString("N");

    public async Task<TableClient> NewTableAsync()
    {
        var table = Tables.GetTableClient(UniqueTableName());
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Queues.GetQueueClient(UniqueQueueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}

// Separate collections get separate Azurite processes and run in parallel with each other.
[CollectionDefinition(Name)]
public sealed class TablesGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite tables";
}

[CollectionDefinition(Name)]
public sealed class TableQueriesGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite table queries";
}

[CollectionDefinition(Name)]
public sealed class QueuesGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite queues";
}
