using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Events;

/// <summary>The event feed and the webhook endpoints' routes. Needs the event log and webhooks.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventFeedEndpoint>();
        services.AddSingleton<WebhookEndpoints>();
        services.AddSingleton<WebhookDeliveryEndpoints>();
        return services;
    }
}
