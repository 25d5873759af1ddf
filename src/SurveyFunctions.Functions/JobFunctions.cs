using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Polls.Voting;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;

namespace SurveyFunctions.Functions;

/// <summary>
/// The queue- and timer-triggered jobs. The runtime decodes the base64 message, retries a failing one and moves it to
/// <c>votes-poison</c> (<c>surveypurge-poison</c>) after host.json's maxDequeueCount; the aggregator and the purge are
/// idempotent, so redelivery is harmless.
/// </summary>
public sealed class JobFunctions(VoteAggregator aggregator, PollCloser closer, StrandedBatchRecovery recovery, UncountedSessionRecovery surveyCounts, SurveyPurger purger, SurveyPurgeRecovery purges)
{
    [Function(nameof(AggregateVotes))]
    public Task AggregateVotes([QueueTrigger("votes", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct) => aggregator.ProcessMessageAsync(message, ct);

    [Function(nameof(ClosePolls))]
    public Task ClosePolls([TimerTrigger("*/30 * * * * *")] TimerInfo timer, CancellationToken ct) => closer.RunAsync(ct);

    [Function(nameof(RecoverVoteBatches))]
    public Task RecoverVoteBatches([TimerTrigger("15 * * * * *")] TimerInfo timer, CancellationToken ct) => recovery.RunAsync(ct);

    [Function(nameof(RecoverSurveyCounts))]
    public Task RecoverSurveyCounts([TimerTrigger("45 * * * * *")] TimerInfo timer, CancellationToken ct) => surveyCounts.RunAsync(ct);

    [Function(nameof(PurgeSurveys))]
    public Task PurgeSurveys([QueueTrigger("surveypurge", Connection = "AzureWebJobsStorage")] string message, CancellationToken ct) => purger.ProcessMessageAsync(message, ct);

    [Function(nameof(RecoverSurveyPurges))]
    public Task RecoverSurveyPurges([TimerTrigger("5 * * * * *")] TimerInfo timer, CancellationToken ct) => purges.RunAsync(ct);
}
