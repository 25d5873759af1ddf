using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>
/// The timer job that keeps a lost message from leaving a deleted survey's data forever: every purge in the ledger whose
/// <c>DueAt</c> has passed (its message was never sent, was lost, or its pass crashed; or its settling time is over) is
/// queued again, and its <c>DueAt</c> moved on by <see cref="SurveyPurger.LostAfter"/> so it is not queued every minute
/// while it runs.
/// </summary>
public sealed class SurveyPurgeRecovery(SurveyPurgeLedger ledger, SurveyStorage storage, TimeProvider time, ILogger<SurveyPurgeRecovery> logger)
{
    /// <summary>Returns how many purges it queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await ledger.ListDueAsync(now, ct).ConfigureAwait(false);
        foreach (var purge in due)
        {
            await ledger.SetDueAsync(purge, now + SurveyPurger.LostAfter, ct).ConfigureAwait(false);
            await storage.SurveyPurgeQueue.SendMessageAsync(SurveyPurgeMessage.Format(purge.TenantId, purge.Uuid), ct).ConfigureAwait(false);
            Log.PurgeRequeued(logger, purge.Uuid);
        }
        return due.Count;
    }
}
