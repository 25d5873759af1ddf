using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Counting;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>Counting completed sessions' answers through the vote pipeline, and reading them. Needs the vote pipeline,
/// surveys and sessions.</summary>
public static class SurveyResultsServiceCollectionExtensions
{
    public static IServiceCollection AddSurveyResults(this IServiceCollection services)
    {
        services.AddSingleton<ICounterTargetKind, SurveyCounterTargets>();
        services.AddSingleton<ResponseEventPublisher>();
        services.AddSingleton<SessionAnswerCounter>();
        services.AddSingleton<SurveyTally>();
        services.AddSingleton<UncountedSessionRecovery>();
        return services;
    }
}
