using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Events;

/// <summary>The event feed. Needs the event log.</summary>
public static class EventsServiceCollectionExtensions
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddSingleton<EventFeedEndpoint>();
        return services;
    }
}
