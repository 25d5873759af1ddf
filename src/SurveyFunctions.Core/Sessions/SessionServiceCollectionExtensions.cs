using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Sessions.Taking;

namespace SurveyFunctions.Core.Sessions;

/// <summary>Sessions, answers, respondents, completions and the taking flow. Needs <c>AddSurveys</c> and a <c>TableServiceClient</c>.</summary>
public static class SessionServiceCollectionExtensions
{
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionTables>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionCompletions>();
        services.AddSingleton<CompletionCommitter>();
        services.AddSingleton<SurveyTaking>();
        return services;
    }
}
