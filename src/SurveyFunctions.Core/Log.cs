using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>Every log message of the core, source-generated (no boxing or formatting when the level is off). No
/// secrets are ever passed here.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Error, "Storage unavailable in {Endpoint} ({Reason})")]
    public static partial void StorageUnavailable(ILogger logger, Exception exception, string endpoint, string reason);

    [LoggerMessage(2, LogLevel.Error, "Unhandled error in {Endpoint}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string endpoint);

    [LoggerMessage(3, LogLevel.Warning, "Storage not ready ({Reason}); retrying")]
    public static partial void StorageNotReady(ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Error, "Could not create tables and queues ({Reason}); starting without them")]
    public static partial void StorageInitFailed(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Could not record the max_responses close of poll {PollId}")]
    public static partial void CapCloseFailed(ILogger logger, Exception exception, string pollId);

    [LoggerMessage(6, LogLevel.Debug, "Aggregation of {Partition} conflicted at action {Index} (status {Status}); retrying")]
    public static partial void AggregationConflict(ILogger logger, string partition, int index, int status);

    [LoggerMessage(7, LogLevel.Information, "Closed poll {PollId} ({Reason})")]
    public static partial void PollClosed(ILogger logger, string pollId, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Vote partition {Partition} had a batch older than the recovery interval; queued its aggregation")]
    public static partial void StrandedBatchAnnounced(ILogger logger, string partition);

    [LoggerMessage(9, LogLevel.Warning,
        "Votes committed in {Partition} but their aggregation could not be queued; the recovery job will announce them")]
    public static partial void AggregationNotScheduled(ILogger logger, Exception exception, string partition);

    [LoggerMessage(10, LogLevel.Error, "Endpoint {Endpoint}: storage rejected a value we sent ({ErrorCode}); an input check is missing")]
    public static partial void StorageRejectedInput(ILogger logger, Exception exception, string endpoint, string errorCode);

    [LoggerMessage(11, LogLevel.Warning,
        "Vote partition {Partition}: storage stayed unavailable through the client's retries; trying the commit again")]
    public static partial void CommitRetried(ILogger logger, Exception exception, string partition);

    [LoggerMessage(12, LogLevel.Warning,
        "Could not record the quota close of survey {SurveyUuid}; its completion tally refuses further responses anyway")]
    public static partial void SurveyCapCloseFailed(ILogger logger, Exception exception, string surveyUuid);

    [LoggerMessage(13, LogLevel.Information, "Closed survey {SurveyUuid}: its response cap was reached")]
    public static partial void SurveyClosedAtCap(ILogger logger, string surveyUuid);

    [LoggerMessage(30, LogLevel.Warning, "Survey {SurveyUuid} was deleted but its purge could not be queued; the recovery job will queue it")]
    public static partial void PurgeNotQueued(ILogger logger, Exception exception, string surveyUuid);

    [LoggerMessage(31, LogLevel.Information, "Survey {SurveyUuid} of tenant {TenantId}: purge pass deleted {Rows} rows ({Progress})")]
    public static partial void PurgePass(ILogger logger, string tenantId, string surveyUuid, int rows, string progress);

    [LoggerMessage(32, LogLevel.Warning, "Survey {SurveyUuid}: its purge was due and not finished; queued it again")]
    public static partial void PurgeRequeued(ILogger logger, string surveyUuid);
}
