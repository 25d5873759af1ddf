using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>The webhook tables (<see cref="StorageNames.WebhooksTable"/>, <see cref="StorageNames.WebhookDeliveriesTable"/>).</summary>
public sealed class WebhookTables(TableServiceClient service) : ITableSetup
{
    public TableClient Endpoints { get; } = service.GetTableClient(StorageNames.WebhooksTable);
    public TableClient Attempts { get; } = service.GetTableClient(StorageNames.WebhookDeliveriesTable);

    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await Endpoints.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await Attempts.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
