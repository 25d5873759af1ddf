using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>Webhook endpoints, the fan-out of the event log to them, and their delivery. Needs storage and the event log.</summary>
public static class WebhooksServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<WebhookTables>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<WebhookTables>());
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<WebhookHttp>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookAttemptScheduler>();
        services.AddSingleton<WebhookDeliveryLog>();
        services.AddSingleton<WebhookEndpointHealth>();
        services.AddSingleton<WebhookRetryPolicy>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<IEventAppendListener, WebhookNudge>();
        return services;
    }
}
