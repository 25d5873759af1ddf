using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Taking;

/// <summary>The taking flow every respondent-facing family shares, and its signed session tokens.</summary>
public static class TakingServiceCollectionExtensions
{
    public static IServiceCollection AddTaking(this IServiceCollection services)
    {
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<TakingAvailability>();
        services.AddSingleton<SessionWriter>();
        services.AddSingleton<SessionDefinitions>();
        services.AddSingleton<SessionStarter>();
        services.AddSingleton<PageSubmitter>();
        services.AddSingleton<WholeSurveySubmitter>();
        return services;
    }
}
