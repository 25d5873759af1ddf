using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>Where a purge pass left the survey.</summary>
public enum PurgeProgress
{
    /// <summary>Nothing of the survey is left, and its ledger row is gone: the purge is over.</summary>
    Done,

    /// <summary>The pass used its budget; another pass carries on (the queue job sends itself the message again).</summary>
    More,

    /// <summary>Nothing is left yet, but the survey was deleted less than <see cref="SurveyPurger.SettleTime"/> ago: a final sweep follows.</summary>
    Settling,
}

/// <summary>
/// The queue job that removes what a deleted survey collected (DESIGN: a delete is bounded in time, its purge is not).
/// <c>DELETE /api/surveys/{uuid}</c> (<see cref="SurveyDeletion"/>) writes the survey's row in the purge ledger, deletes the
/// survey (from then on every family answers "not found") and queues a message; each message runs one pass here, which
/// deletes, family by family, up to <see cref="SurveyFunctionsOptions.PurgeRowsPerPass"/> rows:
/// <list type="number">
/// <item>the survey and its index rows again (finishes a delete that stopped half-way);</item>
/// <item>what the API families keep per survey, panelists and their key rows, survey responses (<see cref="ISurveyRowsPurge"/>);</item>
/// <item>sessions and their answers, wherever they live, through the survey's session index
/// (<see cref="SessionStore.DeleteSurveySessionsAsync"/>); respondent profiles stay, they are the tenant's;</item>
/// <item>completion shards (<see cref="SessionCompletions.DeleteSurveyAsync"/>);</item>
/// <item>voters, counters, pending rows and counting markers in the vote pipeline
/// (<see cref="SessionAnswerCounter.DeleteSurveyCountsAsync"/>).</item>
/// </list>
/// Every step reads only keys of this tenant's survey and deletes what it finds, tolerating rows already gone, so a pass is
/// idempotent: a redelivered message, two passes at once, or a pass after a crash simply find less. A pass that runs out of
/// budget queues the next one; one that finds nothing left removes the ledger row once the survey has been gone for
/// <see cref="SettleTime"/> (a request that read the survey just before it was deleted may still be writing), else leaves
/// it for one final sweep then. Should a message be lost or a pass crash, the ledger row's <c>DueAt</c> passes and
/// <see cref="SurveyPurgeRecovery"/> queues the purge again.
/// </summary>
public sealed class SurveyPurger(
    SurveyStore surveys,
    SurveyPurgeLedger ledger,
    IEnumerable<ISurveyRowsPurge> familyRows,
    SessionStore sessions,
    SessionCompletions completions,
    SessionAnswerCounter counts,
    SurveyStorage storage,
    TimeProvider time,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<SurveyPurger> logger)
{
    /// <summary>A purge no pass has moved on for this long is queued again by the recovery timer.</summary>
    public static readonly TimeSpan LostAfter = TimeSpan.FromMinutes(5);

    /// <summary>How long after the delete a request that had read the survey before it may still write (far above any request's life).</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(5);

    /// <summary>Handles one queue message (the Functions trigger's unit). Throws on a message that is not ours, so it
    /// ends in the poison queue.</summary>
    public async Task ProcessMessageAsync(string messageText, CancellationToken ct)
    {
        var (tenantId, uuid) = SurveyPurgeMessage.TryParse(messageText) ?? throw new FormatException("Not a survey purge message.");
        if (await PurgeAsync(tenantId, uuid, options.Value.PurgeRowsPerPass, ct).ConfigureAwait(false) == PurgeProgress.More)
            await storage.SurveyPurgeQueue.SendMessageAsync(messageText, ct).ConfigureAwait(false);
    }

    /// <summary>One pass over the tenant's deleted survey, deleting up to <paramref name="rowBudget"/> rows. A survey
    /// not in the ledger is done.</summary>
    public async Task<PurgeProgress> PurgeAsync(string tenantId, string uuid, int rowBudget, CancellationToken ct)
    {
        if (await ledger.GetAsync(tenantId, uuid, ct).ConfigureAwait(false) is not { } purge)
            return PurgeProgress.Done; // purged already (a redelivered message), or never deleted
        var now = time.GetUtcNow();
        await ledger.SetDueAsync(purge, now + LostAfter, ct).ConfigureAwait(false);
        await surveys.DeleteAsync(tenantId, uuid, purge.SurveyId, purge.SurveyCreatedAt, ct).ConfigureAwait(false);

        Func<string, string, int, CancellationToken, Task<int>>[] steps =
        [
            .. familyRows.Select(f => (Func<string, string, int, CancellationToken, Task<int>>)f.DeleteSurveyRowsAsync),
            sessions.DeleteSurveySessionsAsync,
            completions.DeleteSurveyAsync,
            counts.DeleteSurveyCountsAsync,
        ];
        var deleted = 0;
        foreach (var step in steps)
        {
            deleted += await step(tenantId, uuid, rowBudget - deleted, ct).ConfigureAwait(false);
            if (deleted >= rowBudget)
                return Report(purge, deleted, PurgeProgress.More);
        }

        if (now - purge.DeletedAt >= SettleTime)
        {
            await ledger.RemoveAsync(purge, ct).ConfigureAwait(false);
            return Report(purge, deleted, PurgeProgress.Done);
        }
        await ledger.SetDueAsync(purge, purge.DeletedAt + SettleTime, ct).ConfigureAwait(false);
        return Report(purge, deleted, PurgeProgress.Settling);
    }

    private PurgeProgress Report(PendingPurge purge, int deleted, PurgeProgress progress)
    {
        Log.PurgePass(logger, purge.TenantId, purge.Uuid, deleted, progress.ToString());
        return progress;
    }
}
