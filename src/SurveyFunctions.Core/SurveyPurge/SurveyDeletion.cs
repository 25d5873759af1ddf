using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>
/// What <c>DELETE /api/surveys/{uuid}</c> does inside the request: the purge ledger row first (so the survey cannot be gone
/// without its purge on record), then the survey and its index rows (from here on every family answers "not found"), then
/// the purge message. The purge itself runs in <see cref="SurveyPurger"/>, in as many passes as the data needs.
/// Should storage fail after the ledger row is written, the caller gets the error, and the purge (which deletes the survey
/// row again first) still carries the delete through once the row falls due: a delete that was asked for is never half kept.
/// </summary>
public sealed class SurveyDeletion(SurveyStore surveys, SurveyPurgeLedger ledger, SurveyStorage storage, TimeProvider time,
    ILogger<SurveyDeletion> logger)
{
    public async Task DeleteAsync(Survey survey, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await ledger.AddAsync(survey, now, now + SurveyPurger.LostAfter, ct).ConfigureAwait(false);
        await surveys.DeleteAsync(survey, ct).ConfigureAwait(false);
        try
        {
            await storage.SurveyPurgeQueue.SendMessageAsync(SurveyPurgeMessage.Format(survey.TenantId, survey.Uuid), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException || StorageFailures.IsUnavailable(ex))
        {
            // The survey is deleted, which is what the caller asked; its ledger row falls due and the recovery timer queues the purge.
            Log.PurgeNotQueued(logger, ex, survey.Uuid);
        }
    }
}
