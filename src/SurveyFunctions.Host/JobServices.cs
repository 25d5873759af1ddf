namespace SurveyFunctions.Host;

/// <summary>The core's queue and timer jobs as background services (what the Functions triggers do in Azure).</summary>
public static class JobServices
{
    public static IServiceCollection AddSurveyFunctionsJobs(this IServiceCollection services) => services;
}
