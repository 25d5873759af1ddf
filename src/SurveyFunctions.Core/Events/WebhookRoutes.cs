using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Events;

/// <summary>The tenant's webhook endpoints (our API) under <c>/api/webhooks</c>, for the tenant's API key; the event feed's envelope.</summary>
public static class WebhookRoutes
{
    public const string Webhooks = "api/webhooks";
    public const string Webhook = Webhooks + "/{id}";
    public const string RotateSecret = Webhook + "/rotate-secret";
    public const string Deliveries = Webhook + "/deliveries";
    public const string Redeliver = Deliveries + "/{delivery}/redeliver";
    public const string Replay = Webhook + "/replay";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Events, Webhooks)
        .Get("WebhooksList", Webhooks, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.ListAsync(c)))
        .Post("WebhooksCreate", Webhooks, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.CreateAsync(c)))
        .Idempotent()
        .Get("WebhooksGet", Webhook, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.GetAsync(c)))
        .Patch("WebhooksUpdate", Webhook, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.PatchAsync(c)))
        .Delete("WebhooksDelete", Webhook, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.DeleteAsync(c)))
        .Post("WebhooksRotateSecret", RotateSecret, EndpointAuth.Tenant, RateLimit.None, Use<WebhookEndpoints>((e, c) => e.RotateSecretAsync(c)))
        .Get("WebhooksDeliveries", Deliveries, EndpointAuth.Tenant, RateLimit.None, Use<WebhookDeliveryEndpoints>((e, c) => e.ListAsync(c)))
        .Post("WebhooksRedeliver", Redeliver, EndpointAuth.Tenant, RateLimit.None, Use<WebhookDeliveryEndpoints>((e, c) => e.RedeliverAsync(c)))
        .Post("WebhooksReplay", Replay, EndpointAuth.Tenant, RateLimit.None, Use<WebhookDeliveryEndpoints>((e, c) => e.ReplayAsync(c)))
        .Endpoints;
}
