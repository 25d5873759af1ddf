using Azure.Data.Tables;
using Azure.Storage.Queues;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Storage;

/// <summary>A private Azurite and the app's own SDK clients on it (built by <see cref="StorageClients"/>, as the hosts build them).</summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private AzuriteInstance? _emulator;

    public TableServiceClient Tables { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;
    public string ConnectionString => _emulator!.ConnectionString;

    public async Task InitializeAsync()
    {
        _emulator = await AzuriteInstance.StartAsync();
        (Tables, Queues) = StorageClients.FromSettings("AzureWebJobsStorage", _ => _emulator.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }

    /// <summary>A fresh table for one test, so tests in a class never see each other's rows.</summary>
    public async Task<TableClient> NewTableAsync()
    {
        var table = Tables.GetTableClient("t" + Guid.NewGuid().ToString("N")[..20]);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Queues.GetQueueClient("q" + Guid.NewGuid().ToString("N")[..20]);
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
