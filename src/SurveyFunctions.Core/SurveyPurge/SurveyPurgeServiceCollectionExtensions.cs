using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>Deleting a survey and purging what it collected. Needs <c>AddSurveys</c>, <c>AddSessions</c>,
/// <c>AddSurveyResults</c>, <c>AddPanelists</c>, <c>AddResponses</c>.</summary>
public static class SurveyPurgeServiceCollectionExtensions
{
    public static IServiceCollection AddSurveyPurge(this IServiceCollection services)
    {
        services.AddSingleton<SurveyPurgeLedger>();
        services.AddSingleton<SurveyDeletion>();
        services.AddSingleton<SurveyPurger>();
        services.AddSingleton<SurveyPurgeRecovery>();
        return services;
    }
}
