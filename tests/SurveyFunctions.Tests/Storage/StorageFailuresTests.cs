using Azure;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Storage;

/// <summary>
/// Which exceptions mean "storage unavailable, retry later" (503 in the family envelope) rather than a bug (500). The
/// SDK's retry policy ends with an AggregateException of whatever the tries threw, often raw transport exceptions.
/// </summary>
public sealed class StorageFailuresTests
{
    public static TheoryData<Exception> Unavailable => new()
    {
        new RequestFailedException(503, "Server Busy"),
        new RequestFailedException(0, "Connection refused"),
        new RequestFailedException(429, "Too many requests"),
        new IOException("connection dropped"),
        new HttpRequestException("no route"),
        new TaskCanceledException("a try timed out", new TimeoutException()),
        new AggregateException(new IOException("dropped"), new TaskCanceledException("timed out", new TimeoutException()),
            new RequestFailedException(503, "busy")),
    };

    public static TheoryData<Exception> NotUnavailable => new()
    {
        new RequestFailedException(400, "OutOfRangeInput"),
        new RequestFailedException(409, "EntityAlreadyExists"),
        new OperationCanceledException("the caller went away"),
        new InvalidOperationException("a bug"),
        new AggregateException(new IOException("dropped"), new InvalidOperationException("a bug")),
        new AggregateException(),
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Transient_storage_and_transport_failures_are_unavailable(Exception exception) =>
        Assert.True(StorageFailures.IsUnavailable(exception));

    [Theory]
    [MemberData(nameof(NotUnavailable))]
    public void Bugs_bad_requests_and_cancellations_are_not(Exception exception) =>
        Assert.False(StorageFailures.IsUnavailable(exception));
}
