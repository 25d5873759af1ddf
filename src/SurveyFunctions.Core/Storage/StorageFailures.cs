using Azure;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// Recognises "storage is unavailable" however Azure.Core reports it: a <see cref="RequestFailedException"/> with a
/// transient status; a transport failure (connection dropped, a try timed out) that reached us without being wrapped;
/// or, once retries are used up, an <see cref="AggregateException"/> of those. A caller's own cancellation is not one:
/// the dispatcher handles an aborted request before asking this.
/// </summary>
public static class StorageFailures
{
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RequestFailedException ex => ex.Status is 0 or 408 or 429 or >= 500,
        IOException or HttpRequestException or TimeoutException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        AggregateException ex => ex.InnerExceptions.Count > 0 && ex.InnerExceptions.All(IsUnavailable),
        _ => false,
    };

    /// <summary>A short reason for logs and health output: status and code only, never a connection string.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } => "unreachable",
        RequestFailedException ex => $"error {ex.Status} {ex.ErrorCode}",
        AggregateException ex when ex.InnerExceptions.Count > 0 => Describe(ex.InnerExceptions[^1]),
        _ => exception.GetType().Name,
    };
}
