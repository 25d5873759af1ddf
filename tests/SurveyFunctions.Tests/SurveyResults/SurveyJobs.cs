using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.SurveyResults;

/// <summary>The survey results' background jobs, run by hand on a host whose jobs are off (<see cref="ManualJobsSurveyHost"/>).</summary>
public static class SurveyJobs
{
    /// <summary>Runs the aggregator over every survey partition until nothing is pending (queued messages stay, see VotePipelineTests).</summary>
    public static async Task DrainAsync(SurveyHost host)
    {
        var aggregator = host.Get<VoteAggregator>();
        for (var partition = 0; partition < SurveyCounterKeys.Shards; partition++)
            await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
    }

    /// <summary>Settles every marker other tests may have left, so a test's counts of recovered sessions are its own.</summary>
    public static async Task DrainRecoveryAsync(SurveyHost host)
    {
        host.Clock.Advance(UncountedSessionRecovery.AbandonedAfter + TimeSpan.FromMinutes(1));
        await host.Get<UncountedSessionRecovery>().RunAsync(CancellationToken.None);
    }
}
