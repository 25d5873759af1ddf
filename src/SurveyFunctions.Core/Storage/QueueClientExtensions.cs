using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace SurveyFunctions.Core.Storage;

public static class QueueClientExtensions
{
    /// <summary>
    /// Deletes a handled message; false when it was already gone. That happens when its visibility ran out and another
    /// receiver took it and deleted it (404 MessageNotFound, or 400 PopReceiptMismatch): the SDK throws then, but the
    /// work is done either way (the aggregator is idempotent), so it must not stop the receiver.
    /// </summary>
    public static async Task<bool> DeleteIfPresentAsync(this QueueClient queue, QueueMessage message, CancellationToken ct = default)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404 || ex.ErrorCode == QueueErrorCode.PopReceiptMismatch)
        {
            return false;
        }
    }
}
