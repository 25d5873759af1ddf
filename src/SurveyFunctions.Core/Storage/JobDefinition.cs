
namespace SurveyFunctions.Core.Storage;

/// <summary>How a job is triggered: by messages on a queue, or on a timer.</summary>
public enum JobTrigger
{
    Queue,
    Timer,
}

/// <summary>
/// A background job of the core. <see cref="Source"/> is the queue name (Queue) or the CRON schedule (Timer) that the
/// Functions adapter must use; the standalone host runs the same job from the same definition.
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

    /// <summary>Every 30 seconds (six-field NCRONTAB, as Functions timers use).</summary>
    public const string CloserSchedule = "*/30 * * * * *";

    /// <summary>Every minute, at second 15 (off the closer's beat).</summary>
    public const string RecoverySchedule = "15 * * * * *";

    /// <summary>Every minute, at second 45 (off the other timers' beats).</summary>
    public const string SurveyCountRecoverySchedule = "45 * * * * *";

    /// <summary>Every minute, at second 5 (off the other timers' beats).</summary>
    public const string SurveyPurgeRecoverySchedule = "5 * * * * *";

    public static IReadOnlyList<JobDefinition> All { get; } =
    [
        new(AggregateVotes, JobTrigger.Queue, StorageNames.VoteQueue),
        new(ClosePolls, JobTrigger.Timer, CloserSchedule),
        new(RecoverVoteBatches, JobTrigger.Timer, RecoverySchedule),
        new(RecoverSurveyCounts, JobTrigger.Timer, SurveyCountRecoverySchedule),
        new(PurgeSurveys, JobTrigger.Queue, StorageNames.SurveyPurgeQueue),
        new(RecoverSurveyPurges, JobTrigger.Timer, SurveyPurgeRecoverySchedule),
    ];
}
