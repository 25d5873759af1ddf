using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Taking;

/// <summary>The taking flow every respondent-facing family shares, and its signed session tokens.</summary>
public static class TakingServiceCollectionExtensions
{
    public static IServiceCollection AddTaking(this IServiceCollection services)
    {
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<SurveyTaking>();
        return services;
    }
}
