using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>The survey results' log messages (event ids 40–49), beside <see cref="Log"/>'s others.</summary>
internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Warning, "Survey {SurveyUuid}: session {SessionId} is complete but its answers could not be counted now; the recovery job will count them")]
    public static partial void SessionCountDeferred(ILogger logger, Exception exception, string surveyUuid, long sessionId);

    [LoggerMessage(41, LogLevel.Error, "Survey {SurveyUuid}: session {SessionId} was counted before with a different answer at the same revision for {TargetKey} (changed before revisions were recorded); the earlier count stands")]
    public static partial void SessionCountDiffers(ILogger logger, string surveyUuid, long sessionId, string targetKey);

    [LoggerMessage(42, LogLevel.Warning, "Survey {SurveyUuid}: counted the answers of session {SessionId}, whose counting a process had left unfinished")]
    public static partial void SessionCountRecovered(ILogger logger, string surveyUuid, long sessionId);
}
