using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.EventLog;

/// <summary>The event log, the outbox that fills it from committed changes, and its recovery job. Needs storage only.</summary>
public static class EventLogServiceCollectionExtensions
{
    public static IServiceCollection AddEventLog(this IServiceCollection services)
    {
        services.AddSingleton<EventTables>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<EventTables>());
        services.AddSingleton<EventStore>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<EventOutboxRecovery>();
        return services;
    }
}
