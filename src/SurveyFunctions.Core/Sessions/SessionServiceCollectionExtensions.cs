using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Sessions;

/// <summary>Sessions, answers, respondents, completions and the taking flow. Needs <c>AddSurveys</c> and a <c>TableServiceClient</c>.</summary>
public static class SessionServiceCollectionExtensions
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionTables>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<SessionTables>());
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SurveySessionIndex>();
        services.AddSingleton<SessionCompletions>();
        services.AddSingleton<CompletionCommitter>();
        return services;
    }
}
