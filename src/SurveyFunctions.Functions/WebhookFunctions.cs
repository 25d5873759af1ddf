using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Events;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// The webhook endpoints' routes: one function per route template of <see cref="WebhookRoutes"/>. No method constraint:
/// the route table's methods decide. The functions.metadata test checks the built app.
/// </summary>
public sealed class WebhookFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(WebhookRoutes.Webhooks))]
    public Task<IResult> Webhooks([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.Webhooks)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.Webhooks, req);

    [Function(nameof(WebhookRoutes.Webhook))]
    public Task<IResult> Webhook([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.Webhook)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.Webhook, req);

    [Function(nameof(WebhookRoutes.RotateSecret))]
    public Task<IResult> RotateSecret([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.RotateSecret)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.RotateSecret, req);

    [Function(nameof(WebhookRoutes.Deliveries))]
    public Task<IResult> Deliveries([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.Deliveries)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.Deliveries, req);

    [Function(nameof(WebhookRoutes.Redeliver))]
    public Task<IResult> Redeliver([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.Redeliver)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.Redeliver, req);

    [Function(nameof(WebhookRoutes.Replay))]
    public Task<IResult> Replay([HttpTrigger(AuthorizationLevel.Anonymous, Route = WebhookRoutes.Replay)] HttpRequest req) =>
        endpoints.InvokeAsync(WebhookRoutes.Replay, req);
}
