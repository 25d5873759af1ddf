using Azure;

namespace SurveyFunctions.Storage;

/// <summary>
/// An entity group transaction was rejected; nothing of it was applied.
/// <see cref="FailedActionIndex"/> is the zero-based index of the action the service blamed (-1 if it did not say).
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int failedActionIndex, Exception? innerException = null)
        : base(status, message, errorCode, innerException)
    {
        FailedActionIndex = failedActionIndex;
    }

    public int FailedActionIndex { get; }
}
