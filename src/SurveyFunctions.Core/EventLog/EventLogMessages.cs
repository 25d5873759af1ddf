using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>The event log's messages (event ids 70–79), beside <see cref="Log"/>'s others.</summary>
internal static partial class Log
{
    [LoggerMessage(70, LogLevel.Warning,
        "The events of a change in {Table}/{Partition} could not be moved to the event log now; the recovery job will move them")]
    public static partial void EventRelayDeferred(ILogger logger, Exception exception, string table, string partition);

    [LoggerMessage(72, LogLevel.Warning,
        "Events of {Partition} past the retention period could not be deleted now; an append an hour later tries again")]
    public static partial void EventPruneFailed(ILogger logger, Exception exception, string partition);
}
