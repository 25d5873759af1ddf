using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Admin;

/// <summary>Tenant administration behind the operator's admin key.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddSingleton<AdminKeyGuard>();
        services.AddSingleton<AdminEndpoints>();
        return services;
    }
}
