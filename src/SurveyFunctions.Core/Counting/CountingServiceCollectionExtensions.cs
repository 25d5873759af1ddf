using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Counting;

/// <summary>The exactly-once counting engine: the group committer, the aggregator and the recovery of stranded
/// batches; the kinds of targets it counts are registered by their areas (<see cref="ICounterTargetKind"/>).</summary>
public static class CountingServiceCollectionExtensions
{
    public static IServiceCollection AddCounting(this IServiceCollection services)
    {
        services.AddSingleton<CounterTargets>();
        services.AddSingleton<VoteCommitter>();
        services.AddSingleton<VoteAggregator>();
        services.AddSingleton<StrandedBatchRecovery>();
        return services;
    }
}
