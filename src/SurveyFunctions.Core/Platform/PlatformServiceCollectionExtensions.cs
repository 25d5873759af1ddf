using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Platform;

/// <summary>Health and the OpenAPI document.</summary>
public static class PlatformServiceCollectionExtensions
{
    public static IServiceCollection AddPlatform(this IServiceCollection services)
    {
        services.AddSingleton<HealthEndpoint>();
        services.AddSingleton<OpenApiEndpoint>();
        return services;
    }
}
