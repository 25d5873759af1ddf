using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Functions;

/// <summary>
/// The coalesced <c>poll.results</c> event: a message becomes visible when a poll's interval ends, and its job records the
/// totals then. Redelivery is harmless (the event's key is the poll and the interval).
/// </summary>
public sealed class PollResultsFunctions(PollResultsEvents results)
{
    [Function(JobTable.PublishPollResults)]
    public Task PublishPollResults(
        [QueueTrigger(StorageNames.PollResultsQueue, Connection = SurveyFunctionsOptions.StorageConnectionSetting)] string message,
        CancellationToken ct) => results.ProcessMessageAsync(message, ct);
}
