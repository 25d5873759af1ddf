using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// A tenant's webhook endpoints (one partition per tenant) and its dispatch cursor. Every read and write names the tenant,
/// so one tenant's key never reaches another's endpoint.
/// </summary>
public sealed class WebhookStore(WebhookTables tables, EventStore log)
{
    /// <summary>Most endpoints one tenant may have: each event is one delivery per endpoint.</summary>
    public const int MaxPerTenant = 20;

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string tenantId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        var endpoints = new List<WebhookEndpoint>();
        await foreach (var row in tables.Endpoints.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            endpoints.Add(WebhookEndpointRows.FromEntity(row));
        return [.. endpoints.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    public async Task<WebhookEndpoint?> GetAsync(string tenantId, string id, CancellationToken ct)
    {
        var row = await tables.Endpoints.GetOrNullAsync(tenantId, id, ct: ct).ConfigureAwait(false);
        return row is null ? null : WebhookEndpointRows.FromEntity(row);
    }

    /// <summary>
    /// Adds the endpoint; first makes sure the tenant has a dispatch cursor, starting at its log's head when new, so the
    /// sweep knows the tenant and a new endpoint gets the events recorded from now on (<see cref="WebhookEndpoint.Wants"/>).
    /// </summary>
    public async Task CreateAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        if (await tables.Endpoints.GetOrNullAsync(WebhookKeys.DispatchPartition, endpoint.TenantId, ["Sequence"], ct).ConfigureAwait(false) is null)
        {
            var head = await log.HeadAsync(endpoint.TenantId, ct).ConfigureAwait(false);
            try
            {
                await tables.Endpoints.AddEntityAsync(new TableEntity(WebhookKeys.DispatchPartition, endpoint.TenantId) { ["Sequence"] = head }, ct)
                    .ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another endpoint's creation made it meanwhile.
            }
        }
        await tables.Endpoints.AddEntityAsync(WebhookEndpointRows.ToEntity(endpoint), ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the endpoint as the caller changed it (configuration, secrets, its failure streak).</summary>
    public Task SaveAsync(WebhookEndpoint endpoint, CancellationToken ct) =>
        tables.Endpoints.UpsertEntityAsync(WebhookEndpointRows.ToEntity(endpoint), TableUpdateMode.Replace, ct);

    /// <summary>Deletes the endpoint and its delivery log; queued deliveries find it gone and are dropped.</summary>
    public async Task DeleteAsync(WebhookEndpoint endpoint, CancellationToken ct)
    {
        try
        {
            await tables.Endpoints.DeleteEntityAsync(endpoint.TenantId, endpoint.Id, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return;
        }
        var attempts = TableClient.CreateQueryFilter($"PartitionKey eq {WebhookKeys.AttemptPartition(endpoint.TenantId, endpoint.Id)}");
        await tables.Attempts.DeleteWhereAsync(attempts, int.MaxValue, ct).ConfigureAwait(false);
    }

    /// <summary>Every tenant with a dispatch cursor (every tenant that ever had an endpoint), for the sweep.</summary>
    public async IAsyncEnumerable<string> DispatchingTenantsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WebhookKeys.DispatchPartition}");
        await foreach (var row in tables.Endpoints.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
            yield return row.RowKey;
    }

    /// <summary>The tenant's dispatch cursor and its ETag; null when the tenant never had an endpoint.</summary>
    public async Task<(long Sequence, ETag ETag)?> ReadCursorAsync(string tenantId, CancellationToken ct)
    {
        var row = await tables.Endpoints.GetOrNullAsync(WebhookKeys.DispatchPartition, tenantId, ["Sequence"], ct).ConfigureAwait(false);
        return row is null ? null : (row.GetInt64("Sequence") ?? 0, row.ETag);
    }

    /// <summary>Moves the cursor on if nobody else did since <paramref name="etag"/>; the new ETag, or null when someone did.</summary>
    public async Task<ETag?> AdvanceCursorAsync(string tenantId, long sequence, ETag etag, CancellationToken ct)
    {
        try
        {
            var reply = await tables.Endpoints.UpdateEntityAsync(new TableEntity(WebhookKeys.DispatchPartition, tenantId) { ["Sequence"] = sequence },
                etag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return reply.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }
}
