using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>The survey results' log messages (event ids 40–49), beside <see cref="Log"/>'s others.</summary>
internal static partial class Log
{
    [LoggerMessage(40, LogLevel.Warning,
        "Survey {SurveyUuid}: session {SessionId} is complete but its answers could not be counted now; the recovery job will count them")]
    public static partial void SessionCountDeferred(ILogger logger, Exception exception, string surveyUuid, long sessionId);

    [LoggerMessage(41, LogLevel.Error,
        "Survey {SurveyUuid}: session {SessionId} was counted with a different answer for {TargetKey}, changed before answer revisions were " +
        "recorded; that count stands until the answer's next change takes it back")]
    public static partial void SessionCountDiffers(ILogger logger, string surveyUuid, long sessionId, string targetKey);

    [LoggerMessage(42, LogLevel.Warning,
        "Survey {SurveyUuid}: counted the answers of session {SessionId}, whose counting a process had left unfinished")]
    public static partial void SessionCountRecovered(ILogger logger, string surveyUuid, long sessionId);
}
