using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Tenants;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Core.Events;

/// <summary>The caller's webhook endpoint named by the path, and the webhook routes' own errors.</summary>
public static class WebhookLookup
{
    /// <summary>The endpoint <c>{id}</c> of the caller's tenant, or <c>webhook_not_found</c> (also for another tenant's).</summary>
    public static async Task<Outcome<WebhookEndpoint>> FindAsync(WebhookStore store, HttpContext context)
    {
        var id = context.Request.RouteValues["id"] as string;
        if (!WebhookKeys.IsId(id, WebhookKeys.IdPrefix))
            return NotFound();
        var endpoint = await store.GetAsync(context.Tenant().TenantId, id!, context.RequestAborted).ConfigureAwait(false);
        return endpoint is null ? NotFound() : endpoint;
    }

    public static ApiError NotFound() => ApiError.NotFound("No webhook endpoint with this id.", "webhook_not_found");

    public static ApiError DeliveryNotFound() => ApiError.NotFound("No delivery with this id for this webhook endpoint.", "delivery_not_found");
}
