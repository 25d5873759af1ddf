using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;

namespace SurveyFunctions.Functions;

/// <summary>
/// The queue- and timer-triggered jobs. The runtime decodes the base64 message, retries a failing one and moves it to
/// the queue's <c>-poison</c> queue after host.json's maxDequeueCount; the aggregator and the purge are
/// idempotent, so redelivery is harmless. Names, queues and schedules are <see cref="JobTable"/>'s and <see cref="StorageNames"/>'s constants.
/// </summary>
public sealed class JobFunctions(VoteAggregator aggregator, PollCloser closer, StrandedBatchRecovery recovery, UncountedSessionRecovery surveyCounts,
    SurveyPurger purger, SurveyPurgeRecovery purges, ExportJob exports, ExportPurge exportPurge, EventOutboxRecovery events,
    IdempotencyPurge idempotencyPurge)
{
    [Function(JobTable.AggregateVotes)]
    public Task AggregateVotes([QueueTrigger(StorageNames.VoteQueue, Connection = SurveyFunctionsOptions.StorageConnectionSetting)] string message,
        CancellationToken ct) => aggregator.ProcessMessageAsync(message, ct);

    [Function(JobTable.ClosePolls)]
    public Task ClosePolls([TimerTrigger(JobTable.CloserSchedule)] TimerInfo timer, CancellationToken ct) => closer.RunAsync(ct);

    [Function(JobTable.RecoverVoteBatches)]
    public Task RecoverVoteBatches([TimerTrigger(JobTable.RecoverySchedule)] TimerInfo timer, CancellationToken ct) => recovery.RunAsync(ct);

    [Function(JobTable.RecoverSurveyCounts)]
    public Task RecoverSurveyCounts([TimerTrigger(JobTable.SurveyCountRecoverySchedule)] TimerInfo timer,
        CancellationToken ct) => surveyCounts.RunAsync(ct);

    [Function(JobTable.PurgeSurveys)]
    public Task PurgeSurveys(
        [QueueTrigger(StorageNames.SurveyPurgeQueue, Connection = SurveyFunctionsOptions.StorageConnectionSetting)] string message,
        CancellationToken ct) => purger.ProcessMessageAsync(message, ct);

    [Function(JobTable.RecoverSurveyPurges)]
    public Task RecoverSurveyPurges([TimerTrigger(JobTable.SurveyPurgeRecoverySchedule)] TimerInfo timer,
        CancellationToken ct) => purges.RunAsync(ct);

    /// <summary>An export job runs for minutes at most per block; the runtime keeps its message invisible while it runs.</summary>
    [Function(JobTable.RunExports)]
    public Task RunExports([QueueTrigger(StorageNames.ExportQueue, Connection = SurveyFunctionsOptions.StorageConnectionSetting)] string message,
        CancellationToken ct) => exports.ProcessMessageAsync(message, ct);

    [Function(JobTable.PurgeExpiredExports)]
    public Task PurgeExpiredExports([TimerTrigger(JobTable.ExportPurgeSchedule)] TimerInfo timer, CancellationToken ct) => exportPurge.RunAsync(ct);

    [Function(JobTable.RecoverEvents)]
    public Task RecoverEvents([TimerTrigger(JobTable.EventRecoverySchedule)] TimerInfo timer, CancellationToken ct) => events.RunAsync(ct);

    [Function(JobTable.PurgeIdempotencyKeys)]
    public Task PurgeIdempotencyKeys([TimerTrigger(JobTable.IdempotencyPurgeSchedule)] TimerInfo timer,
        CancellationToken ct) => idempotencyPurge.RunAsync(ct);
}
