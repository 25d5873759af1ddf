using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>The event log's messages (event ids 70–79), beside <see cref="Log"/>'s others.</summary>
internal static partial class Log
{
    [LoggerMessage(70, LogLevel.Warning,
        "The events of a change in {Table}/{Partition} could not be moved to the event log now; the recovery job will move them")]
    public static partial void EventRelayDeferred(ILogger logger, Exception exception, string table, string partition);

    [LoggerMessage(71, LogLevel.Warning,
        "Survey {SurveyUuid}: the events of session {SessionId} could not be recorded now; the recovery job will record them")]
    public static partial void SessionEventsDeferred(ILogger logger, Exception exception, string surveyUuid, long sessionId);
}
