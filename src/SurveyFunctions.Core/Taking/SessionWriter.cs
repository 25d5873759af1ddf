using Azure;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Every write the taking flow makes to a session, and what makes them exactly-once. A session's <see cref="SurveySession.Step"/>
/// counts its submissions and every session write is If-Match, so a submission applied twice is stored once. Finishing goes
/// through the <see cref="CompletionCommitter"/> before the session is marked finished, so the response cap is exact and a
/// finished session is counted exactly once.
/// </summary>
public sealed class SessionWriter(
    SessionStore sessions,
    CompletionCommitter committer,
    IdAllocator ids,
    SurveyStore surveys,
    ILogger<SessionWriter> logger)
{
    /// <summary>Rounds of a lost If-Match race before a write gives up: each round one writer wins.</summary>
    public const int MaxWriteAttempts = 5;

    /// <summary>
    /// A new session <paramref name="sessionId"/> of <paramref name="survey"/> for the respondent <paramref name="externalId"/>
    /// (created with the session when <paramref name="respondent"/>, their profile as read, is null) or for nobody (null). Null when the respondent's
    /// profile changed since it was read: the caller reads again and decides again, with the same id (a lost attempt stored
    /// only the session's index row, which the next attempt rewrites as it was).
    /// </summary>
    public async Task<SurveySession?> TryCreateAsync(Survey survey, long sessionId, string? externalId, Respondent? respondent, string? language,
        RespondentDetails details, IReadOnlyDictionary<string, string> hidden, DateTimeOffset now, CancellationToken ct)
    {
        Respondent? created = null;
        SessionRespondent? owner = null;
        if (externalId is not null)
        {
            created = respondent is null ? await NewRespondentAsync(survey.TenantId, externalId, details, now, ct).ConfigureAwait(false) : null;
            owner = new SessionRespondent((respondent ?? created)!.Id, externalId);
        }
        var session = new SurveySession
        {
            TenantId = survey.TenantId,
            Id = sessionId,
            SurveyUuid = survey.Uuid,
            SurveyId = survey.Id,
            DefinitionVersion = survey.Version,
            Respondent = owner,
            Language = language,
            StartedAt = now,
            IsMobile = details.IsMobile,
            LastAccessAt = now,
            HiddenFields = hidden,
        };
        return await sessions.CreateAsync(session, created, details, respondent?.ETag, ct).ConfigureAwait(false);
    }

    /// <summary>Counts the session as finishing (or refuses it when the response cap is full), before it is saved finished.</summary>
    public Task<CompletionAdmission> AdmitCompletionAsync(Survey survey, SurveySession session, bool disqualifies, DateTimeOffset now) =>
        committer.SubmitAsync(survey, session, disqualifies, now);

    /// <summary>
    /// Writes one step. When another submission got there first, the session as it is now is the answer (a replay) — unless
    /// this submission was already counted as finishing the session: then it must end finished, so it is applied again on
    /// top of what is stored.
    /// </summary>
    /// <param name="pages">The pages whose answer rows to rewrite: the one submitted, and any whose answers the path dropped.</param>
    public async Task<(SurveySession? Session, bool Replayed)> SaveStepAsync(SurveySession original, SurveySession updated,
        IReadOnlyCollection<int> pages, bool counted, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var saved = await sessions.SavePagesAsync(original, updated, pages, ct).ConfigureAwait(false);
            if (saved is not null)
                return (saved, false);
            var fresh = await sessions.GetAsync(original.Locator, ct).ConfigureAwait(false);
            if (fresh is null)
                return (null, false);
            if (!counted || fresh.IsCompleted)
                return (fresh, true);
            original = fresh;
            updated = updated with { Step = fresh.Step + 1 };
        }
        throw new InvalidOperationException($"Could not save session {original.Id} after {MaxWriteAttempts} attempts.");
    }

    /// <summary>Writes the rows of <paramref name="changedPages"/> If-Match; null when another write got there first.</summary>
    public Task<SurveySession?> TrySavePagesAsync(SurveySession original, SurveySession updated, IReadOnlyCollection<int> changedPages,
        CancellationToken ct) =>
        sessions.SavePagesAsync(original, updated, changedPages, ct);

    /// <summary>The pages whose stored answers differ between <paramref name="before"/> and <paramref name="after"/>: only their
    /// rows are rewritten.</summary>
    public static int[] ChangedPages(IReadOnlyList<SessionAnswer> before, IReadOnlyList<SessionAnswer> after) =>
        before.Select(a => a.PageIndex).Concat(after.Select(a => a.PageIndex)).Distinct()
            .Where(page => !before.Where(a => a.PageIndex == page).SequenceEqual(after.Where(a => a.PageIndex == page)))
            .ToArray();

    /// <summary>The response cap is full: record the close on the survey. The tally already refuses further completions.</summary>
    public async Task CloseAtCapAsync(Survey survey, DateTimeOffset now)
    {
        try
        {
            var closed = await surveys.UpdateAsync(survey.TenantId, survey.Uuid, current => Task.FromResult(
                current.Settings.CountsResponses
                    ? SurveyRules.Close(current, now, SurveyCloseReasons.Quota)
                    : (Outcome<Survey>)SurveyErrors.InvalidState("The survey no longer has a response cap.")),
                        CancellationToken.None).ConfigureAwait(false);
            if (closed.IsSuccess)
                Log.SurveyClosedAtCap(logger, survey.Uuid);
        }
        catch (RequestFailedException ex)
        {
            Log.SurveyCapCloseFailed(logger, ex, survey.Uuid);
        }
    }

    private async Task<Respondent> NewRespondentAsync(string tenantId, string externalId, RespondentDetails details, DateTimeOffset now,
        CancellationToken ct) => new()
    {
        TenantId = tenantId,
        Id = await ids.NextAsync(tenantId, IdKind.Respondent, ct).ConfigureAwait(false),
        ExternalId = externalId,
        Language = details.Language,
        IsMobile = details.IsMobile,
        Country = details.Country,
        Region = details.Region,
        City = details.City,
        Lat = details.Lat,
        Lon = details.Lon,
        LastAccessAt = now,
        CreatedAt = now,
    };
}
