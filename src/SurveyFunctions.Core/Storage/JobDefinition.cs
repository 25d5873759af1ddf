
namespace SurveyFunctions.Core.Storage;

/// <summary>How a job is triggered: by messages on a queue, or on a timer.</summary>
public enum JobTrigger
{
    Queue,
    Timer,
}

/// <summary>
/// A background job of the core. <see cref="Source"/> is the queue name (Queue) or the <c>%setting%</c> holding the
/// NCRONTAB schedule (Timer) that the Functions adapter must use; the standalone host runs the same job from the same definition.
/// </summary>
public sealed record JobDefinition(string Name, JobTrigger Trigger, string Source);

/// <summary>The one list of jobs; a test checks each has its Functions adapter with the same trigger.</summary>
public static class JobTable
{
    public const string AggregateVotes = "AggregateVotes";
    public const string ClosePolls = "ClosePolls";
    public const string RecoverVoteBatches = "RecoverVoteBatches";
    public const string RecoverSurveyCounts = "RecoverSurveyCounts";
    public const string PurgeSurveys = "PurgeSurveys";
    public const string RecoverSurveyPurges = "RecoverSurveyPurges";
    public const string RunExports = "RunExports";
    public const string PurgeExpiredExports = "PurgeExpiredExports";
    public const string RecoverEvents = "RecoverEvents";
    public const string DeliverWebhooks = "DeliverWebhooks";
    public const string SweepWebhooks = "SweepWebhooks";
    public const string PublishPollResults = "PublishPollResults";
    public const string PurgeIdempotencyKeys = "PurgeIdempotencyKeys";

    // Timer schedules are app settings the Functions host resolves (%Name%), not CRON text here: Bicep derives each from
    // the interval setting the standalone host runs the same job at, so the two hosts cannot drift apart. Offsets in
    // local.settings.sample.json and infra/app/api.bicep keep the timers off each other's beats.

    /// <summary>App setting with the closing job's NCRONTAB schedule (from <c>SurveyFunctions__CloserIntervalSeconds</c>).</summary>
    public const string CloserScheduleSetting = "ClosePollsSchedule";
    public const string CloserSchedule = "%" + CloserScheduleSetting + "%";

    /// <summary>App setting with the vote-batch recovery's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string RecoveryScheduleSetting = "RecoverVoteBatchesSchedule";
    public const string RecoverySchedule = "%" + RecoveryScheduleSetting + "%";

    /// <summary>App setting with the survey-count recovery's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string SurveyCountRecoveryScheduleSetting = "RecoverSurveyCountsSchedule";
    public const string SurveyCountRecoverySchedule = "%" + SurveyCountRecoveryScheduleSetting + "%";

    /// <summary>App setting with the purge recovery's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string SurveyPurgeRecoveryScheduleSetting = "RecoverSurveyPurgesSchedule";
    public const string SurveyPurgeRecoverySchedule = "%" + SurveyPurgeRecoveryScheduleSetting + "%";

    /// <summary>App setting with the expired-export purge's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string ExportPurgeScheduleSetting = "PurgeExpiredExportsSchedule";
    public const string ExportPurgeSchedule = "%" + ExportPurgeScheduleSetting + "%";
    /// <summary>App setting with the event relay recovery's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string EventRecoveryScheduleSetting = "RecoverEventsSchedule";
    public const string EventRecoverySchedule = "%" + EventRecoveryScheduleSetting + "%";

    /// <summary>App setting with the webhook sweep's schedule (from <c>SurveyFunctions__WebhookSweepIntervalSeconds</c>).</summary>
    public const string WebhookSweepScheduleSetting = "SweepWebhooksSchedule";
    public const string WebhookSweepSchedule = "%" + WebhookSweepScheduleSetting + "%";

    /// <summary>App setting with the expired Idempotency-Key purge's schedule (from <c>SurveyFunctions__RecoveryIntervalSeconds</c>).</summary>
    public const string IdempotencyPurgeScheduleSetting = "PurgeIdempotencyKeysSchedule";
    public const string IdempotencyPurgeSchedule = "%" + IdempotencyPurgeScheduleSetting + "%";

    /// <summary>Every app setting a timer's schedule is read from: each must be set wherever the Functions app runs.</summary>
    public static IReadOnlyList<string> ScheduleSettings { get; } =
        [CloserScheduleSetting, RecoveryScheduleSetting, SurveyCountRecoveryScheduleSetting, SurveyPurgeRecoveryScheduleSetting,
            ExportPurgeScheduleSetting, EventRecoveryScheduleSetting, IdempotencyPurgeScheduleSetting, WebhookSweepScheduleSetting];

    public static IReadOnlyList<JobDefinition> All { get; } =
    [
        new(AggregateVotes, JobTrigger.Queue, StorageNames.VoteQueue),
        new(ClosePolls, JobTrigger.Timer, CloserSchedule),
        new(RecoverVoteBatches, JobTrigger.Timer, RecoverySchedule),
        new(RecoverSurveyCounts, JobTrigger.Timer, SurveyCountRecoverySchedule),
        new(PurgeSurveys, JobTrigger.Queue, StorageNames.SurveyPurgeQueue),
        new(RecoverSurveyPurges, JobTrigger.Timer, SurveyPurgeRecoverySchedule),
        new(RunExports, JobTrigger.Queue, StorageNames.ExportQueue),
        new(PurgeExpiredExports, JobTrigger.Timer, ExportPurgeSchedule),
        new(RecoverEvents, JobTrigger.Timer, EventRecoverySchedule),
        new(DeliverWebhooks, JobTrigger.Queue, StorageNames.WebhookQueue),
        new(SweepWebhooks, JobTrigger.Timer, WebhookSweepSchedule),
        new(PublishPollResults, JobTrigger.Queue, StorageNames.PollResultsQueue),
        new(PurgeIdempotencyKeys, JobTrigger.Timer, IdempotencyPurgeSchedule),
    ];
}
