using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// An endpoint's failure streak, kept after each attempt: a success ends it; a failure starts or lengthens it, and one that
/// has lasted <see cref="SurveyFunctionsOptions.WebhookDisableAfterDays"/> disables the endpoint with the reason, as does a
/// <c>410 Gone</c> at once. Only these columns are merged into the row, so an owner's edit made meanwhile stands; a count
/// lost to a concurrent attempt only makes spacing a little shorter.
/// </summary>
public sealed class WebhookEndpointHealth(WebhookTables tables, IOptions<SurveyFunctionsOptions> options)
{
    public Task SucceededAsync(WebhookEndpoint endpoint, CancellationToken ct) =>
        endpoint.ConsecutiveFailures == 0 ? Task.CompletedTask : MergeAsync(endpoint, new() { ["ConsecutiveFailures"] = 0 }, ct);

    public Task GoneAsync(WebhookEndpoint endpoint, DateTimeOffset now, CancellationToken ct) =>
        DisableAsync(endpoint, $"The endpoint answered 410 Gone at {now:u}, so deliveries to it stopped. Enable it again to resume.", ct);

    /// <summary>Records a failed attempt; true when it disabled the endpoint (its streak reached the limit).</summary>
    public async Task<bool> FailedAsync(WebhookEndpoint endpoint, DateTimeOffset now, string what, CancellationToken ct)
    {
        var since = endpoint.ConsecutiveFailures > 0 && endpoint.FailingSince is { } start ? start : now;
        var limit = TimeSpan.FromDays(options.Value.WebhookDisableAfterDays);
        if (now - since >= limit)
        {
            await DisableAsync(endpoint, $"Every delivery attempt failed for {options.Value.WebhookDisableAfterDays} days in a row " +
                $"(since {since:u}; the last: {what}). Enable it again to resume.", ct).ConfigureAwait(false);
            return true;
        }
        await MergeAsync(endpoint, new()
        {
            ["FailingSince"] = since,
            ["LastFailureAt"] = now,
            ["ConsecutiveFailures"] = endpoint.ConsecutiveFailures + 1,
        }, ct).ConfigureAwait(false);
        return false;
    }

    private Task DisableAsync(WebhookEndpoint endpoint, string reason, CancellationToken ct) =>
        MergeAsync(endpoint, new() { ["Enabled"] = false, ["DisabledReason"] = reason, ["ConsecutiveFailures"] = 0 }, ct);

    private async Task MergeAsync(WebhookEndpoint endpoint, TableEntity columns, CancellationToken ct)
    {
        columns.PartitionKey = endpoint.TenantId;
        columns.RowKey = endpoint.Id;
        try
        {
            await tables.Endpoints.UpdateEntityAsync(columns, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Deleted meanwhile: nothing to keep.
        }
    }
}
