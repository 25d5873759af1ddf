using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>Our survey management API.</summary>
public static class SurveyManagementServiceCollectionExtensions
{
    public static IServiceCollection AddSurveyManagement(this IServiceCollection services)
    {
        services.AddSingleton<SurveyEndpoints>();
        return services;
    }
}
