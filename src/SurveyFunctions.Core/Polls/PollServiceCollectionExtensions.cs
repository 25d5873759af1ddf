using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Counting;

namespace SurveyFunctions.Core.Polls;

/// <summary>The Polls family: polls, their counters as a kind of counting target, the endpoints and the closing job.</summary>
public static class PollServiceCollectionExtensions
{
    public static IServiceCollection AddPolls(this IServiceCollection services)
    {
        services.AddSingleton<PollStore>();
        services.AddSingleton<ICounterTargetKind, PollCounterTargets>();
        services.AddSingleton<PollAccess>();
        services.AddSingleton<PollTally>();
        services.AddSingleton<PollEndpoints>();
        services.AddSingleton<VoteEndpoints>();
        services.AddSingleton<VoteListEndpoint>();
        services.AddSingleton<VoteStreamEndpoint>();
        services.AddSingleton<PollCloser>();
        services.AddSingleton<PollResultsEvents>();
        return services;
    }
}
