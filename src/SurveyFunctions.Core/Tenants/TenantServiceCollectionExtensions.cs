using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Tenants;

/// <summary>Tenants and their hashed API keys.</summary>
public static class TenantServiceCollectionExtensions
{
    public static IServiceCollection AddTenants(this IServiceCollection services)
    {
        services.AddSingleton<TenantStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }
}
