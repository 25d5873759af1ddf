using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>Each endpoint's delivery attempts, newest first (<see cref="WebhookKeys.AttemptRow"/>).</summary>
public sealed class WebhookDeliveryLog(WebhookTables tables)
{
    public Task RecordAsync(string tenantId, string endpointId, WebhookAttempt a, CancellationToken ct) =>
        tables.Attempts.AddEntityAsync(new TableEntity(WebhookKeys.AttemptPartition(tenantId, endpointId), WebhookKeys.AttemptRow(a.AttemptedAt))
        {
            ["DeliveryId"] = a.DeliveryId,
            ["EventId"] = a.EventId,
            ["Sequence"] = a.Sequence,
            ["EventType"] = a.EventType,
            ["Attempt"] = a.Attempt,
            ["AttemptedAt"] = a.AttemptedAt,
            ["StatusCode"] = a.StatusCode,
            ["Error"] = a.Error,
            ["LatencyMs"] = a.LatencyMs,
            ["Reply"] = a.Reply,
            ["NextRetryAt"] = a.NextRetryAt,
        }, ct);

    /// <summary>One page of the endpoint's attempts, newest first; <paramref name="continuation"/> is the SDK's, from this process.</summary>
    public async Task<(IReadOnlyList<WebhookAttempt> Attempts, string? Continuation)> PageAsync(string tenantId, string endpointId, int limit,
        string? continuation, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WebhookKeys.AttemptPartition(tenantId, endpointId)}");
        var page = await tables.Attempts.QueryPageAsync(filter, limit, continuation: continuation, ct: ct).ConfigureAwait(false);
        return ([.. page.Values.Select(ToAttempt)], page.ContinuationToken);
    }

    /// <summary>An attempt of this endpoint's delivery <paramref name="deliveryId"/> (which event it sends); null when it has none.</summary>
    public async Task<WebhookAttempt?> FindDeliveryAsync(string tenantId, string endpointId, string deliveryId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {WebhookKeys.AttemptPartition(tenantId, endpointId)} and DeliveryId eq {deliveryId}");
        await foreach (var row in tables.Attempts.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: ct).ConfigureAwait(false))
            return ToAttempt(row);
        return null;
    }

    private static WebhookAttempt ToAttempt(TableEntity row) => new(
        row.GetString("DeliveryId") ?? "",
        row.GetString("EventId") ?? "",
        row.GetInt64("Sequence") ?? 0,
        row.GetString("EventType") ?? "",
        row.GetInt32("Attempt") ?? 0,
        row.GetDateTimeOffset("AttemptedAt") ?? DateTimeOffset.MinValue,
        row.GetInt32("StatusCode"),
        row.GetString("Error"),
        row.GetInt64("LatencyMs") ?? 0,
        row.GetString("Reply"),
        row.GetDateTimeOffset("NextRetryAt"));
}
