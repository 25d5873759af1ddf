namespace SurveyFunctions.Host;

/// <summary>
/// The core's queue and timer jobs as background services (what the Functions triggers do in Azure).
/// <c>Host:RunJobs=false</c> leaves them off, for tests that drive the jobs by hand.
/// </summary>
public static class JobServices
{
    public static IServiceCollection AddSurveyFunctionsJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetValue("Host:RunJobs", true))
            return services;
        services.AddHostedService<VoteAggregationService>();
        services.AddHostedService<PollClosingService>();
        return services;
    }
}
