using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Webhooks;

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
        // AddSingleton, not AddHostedService: the latter registers a factory-built type once, and every timer is a TimerJobService.
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.ClosePolls, o => o.CloserIntervalSeconds,
            sp.GetRequiredService<PollCloser>().RunAsync));
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.RecoverVoteBatches, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<StrandedBatchRecovery>().RunAsync));
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.RecoverSurveyCounts, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<UncountedSessionRecovery>().RunAsync));
        services.AddHostedService<SurveyPurgeService>();
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.RecoverSurveyPurges, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<SurveyPurgeRecovery>().RunAsync));
        services.AddHostedService<ExportJobService>();
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.PurgeExpiredExports, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<ExportPurge>().RunAsync));
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.RecoverEvents, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<EventOutboxRecovery>().RunAsync));
        services.AddHostedService<WebhookDeliveryService>();
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.SweepWebhooks, o => o.WebhookSweepIntervalSeconds,
            async ct => await sp.GetRequiredService<WebhookDispatcher>().RunAsync(ct).ConfigureAwait(false)));
        services.AddHostedService<PollResultsService>();
        services.AddSingleton<IHostedService>(sp => Timer(sp, JobTable.PurgeIdempotencyKeys, o => o.RecoveryIntervalSeconds,
            sp.GetRequiredService<IdempotencyPurge>().RunAsync));
        return services;
    }

    private static TimerJobService Timer(IServiceProvider services, string jobName, Func<SurveyFunctionsOptions, int> intervalSeconds,
        Func<CancellationToken, Task> run) =>
        new(jobName, TimeSpan.FromSeconds(intervalSeconds(services.GetRequiredService<IOptions<SurveyFunctionsOptions>>().Value)), run,
            services.GetRequiredService<ILogger<TimerJobService>>());
}
