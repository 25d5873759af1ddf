using Azure;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Taking a survey page by page, for every family that lets respondents answer: start or resume a session, show a page,
/// check and store a submitted page, move on, finish or disqualify, and refuse whatever the survey's availability
/// (<see cref="SurveyRules.Availability"/>: status, start date, stop date, response cap) does not allow right now.
/// <para>
/// Exactly-once: a session's <see cref="SurveySession.Step"/> counts its submissions and every session write is If-Match,
/// so a page submitted twice with the same <see cref="SessionPosition"/> is stored once; the second submission gets the
/// answer the first one led to. Finishing goes through the <see cref="CompletionCommitter"/> before the session is marked
/// finished, so the response cap is exact and a finished session is counted exactly once.
/// </para>
/// </summary>
public sealed partial class SurveyTaking(
    SessionStore sessions,
    SessionCompletions completions,
    CompletionCommitter committer,
    SessionAnswerCounter answerCounter,
    IdAllocator ids,
    SurveyStore surveys,
    TimeProvider time,
    ILogger<SurveyTaking> logger)
{
    private const int MaxWriteAttempts = 5;

    /// <summary>
    /// A respondent's first call: a new session, or for a known respondent (<see cref="TakeStart.ExternalId"/>, not on
    /// anonymous surveys) their unfinished session, or <see cref="TakeState.AlreadyCompleted"/> when they finished before
    /// and the survey takes one response each.
    /// </summary>
    public async Task<TakeOutcome> StartAsync(Survey survey, TakeStart start, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var availability = await AvailabilityAsync(survey, now, ct).ConfigureAwait(false);
        if (availability != SurveyAvailability.Open)
            return TakeOutcome.Unavailable(availability);
        if (survey.Pages.Count == 0)
            return new TakeOutcome(TakeState.SurveyBroken);

        var externalId = survey.Settings.IsAnonymous ? null : start.ExternalId;
        var language = SurveyLanguages.ForNewSession(survey, start.Language);
        var details = start.Details with { Language = language ?? start.Details.Language };
        long? sessionId = null; // allocated once, when a session is first to be created, and kept across attempts
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            Respondent? respondent = null;
            if (externalId is not null)
            {
                // One read of the profile, then the sessions: a session started after it rewrote the profile, so the
                // If-Match on its ETag below refuses to start a second one, and the next round finds it in the list.
                (respondent, var earlier) = await sessions.GetRespondentWithSurveySessionsAsync(survey.TenantId, externalId, survey.Uuid, ct).ConfigureAwait(false);
                if (!survey.Settings.AllowMultipleResponses && earlier.LastOrDefault(s => s.IsCompleted) is { } finished)
                    return Ended(survey, finished);
                if (earlier.LastOrDefault(s => !s.IsCompleted) is { } unfinished)
                    return Show(survey, unfinished, unfinished.PageIndex);
            }
            sessionId ??= await ids.NextAsync(survey.TenantId, IdKind.Session, ct).ConfigureAwait(false);
            var stored = await TryCreateSessionAsync(survey, sessionId.Value, externalId, respondent, language, details, now, ct).ConfigureAwait(false);
            if (stored is not null)
                return Show(survey, stored, 0);
        }
        throw new InvalidOperationException($"Could not start a session of survey {survey.Uuid} after {MaxWriteAttempts} attempts.");
    }

    /// <summary>
    /// A new session <paramref name="sessionId"/> of <paramref name="survey"/> for the respondent <paramref name="externalId"/>
    /// (created with the session when <paramref name="respondent"/>, their profile as read, is null) or for nobody (null). Null when the respondent's
    /// profile changed since it was read: the caller reads again and decides again, with the same id (a lost attempt stored
    /// only the session's index row, which the next attempt rewrites as it was).
    /// </summary>
    private async Task<SurveySession?> TryCreateSessionAsync(Survey survey, long sessionId, string? externalId, Respondent? respondent, string? language, RespondentDetails details, DateTimeOffset now, CancellationToken ct)
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
            Respondent = owner,
            Language = language,
            StartedAt = now,
            IsMobile = details.IsMobile,
            LastAccessAt = now,
        };
        return await sessions.CreateAsync(session, created, details, respondent?.ETag, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A later call without answers: the session's current page, or an earlier one the respondent goes back to
    /// (<paramref name="requestedPage"/>, 0-based; a page not reached yet shows the current one).
    /// </summary>
    public async Task<TakeOutcome> ResumeAsync(Survey survey, SessionLocator locator, int? requestedPage, CancellationToken ct)
    {
        var session = await sessions.GetAsync(locator, ct).ConfigureAwait(false);
        if (session is null)
            return new TakeOutcome(TakeState.SessionNotFound);
        if (session.IsCompleted)
            return Ended(survey, session);
        var availability = await AvailabilityAsync(survey, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (availability != SurveyAvailability.Open)
            return TakeOutcome.Unavailable(availability, session);
        var page = requestedPage is { } p && p >= 0 && p <= session.PageIndex ? p : session.PageIndex;
        return Show(survey, session, page);
    }

    /// <summary>A page's answers (or the language choice) from the position a session token recorded.</summary>
    public async Task<TakeOutcome> SubmitAsync(Survey survey, SessionPosition position, PageSubmission submission, CancellationToken ct)
    {
        var session = await sessions.GetAsync(position.Session, ct).ConfigureAwait(false);
        if (session is null || position.Step > session.Step)
            return new TakeOutcome(TakeState.SessionNotFound);
        if (position.Step < session.Step)
            return Replay(survey, session);
        if (session.IsCompleted)
            return Ended(survey, session);

        var now = time.GetUtcNow();
        var availability = await AvailabilityAsync(survey, now, ct).ConfigureAwait(false);
        if (availability is not (SurveyAvailability.Open or SurveyAvailability.QuotaFull))
            return TakeOutcome.Unavailable(availability, session);

        // The page the token was issued for (none while a multi-language survey waits for the language choice).
        var pageIndex = position.Page ?? session.PageIndex;
        if (session.Language is not null && (pageIndex > session.PageIndex || pageIndex >= survey.Pages.Count))
            return new TakeOutcome(TakeState.SurveyBroken, session);

        var language = session.Language;
        if (submission.Language is not null)
        {
            language = SurveyLanguages.Match(survey, submission.Language);
            if (language is null)
            {
                var offered = string.Join(", ", survey.Languages);
                return new TakeOutcome(TakeState.ValidationFailed, session, session.Language is null ? null : pageIndex,
                    [new AnswerError(null, AnswerErrorCodes.UnknownLanguage, $"This survey is offered in {offered}; '{Shorten(submission.Language)}' is not one of them.")]);
            }
        }
        if (session.Language is null)
            return await ChooseLanguageAsync(survey, session, language, availability, now, ct).ConfigureAwait(false);

        var isLastPage = pageIndex == survey.Pages.Count - 1;
        // Full: only a submission that finishes the session goes on, for the completion tally to decide (it may be this
        // very session's completion, counted before its answer was lost).
        if (availability == SurveyAvailability.QuotaFull && !isLastPage)
            return TakeOutcome.Unavailable(availability, session);

        var validation = PageValidator.Validate(survey.Pages[pageIndex], submission.Answers, language, survey.DefaultLanguage);
        if (!validation.IsValid)
            return new TakeOutcome(TakeState.ValidationFailed, session, pageIndex, validation.Errors);

        var finishing = validation.Disqualifies || isLastPage;
        var counted = false;
        var capReached = false;
        if (finishing)
        {
            var admission = await committer.SubmitAsync(survey, session, validation.Disqualifies, now).ConfigureAwait(false);
            if (!admission.IsCounted)
                return TakeOutcome.Unavailable(SurveyAvailability.QuotaFull, session);
            counted = true;
            capReached = admission.CapReached;
        }

        var answers = await AnswersAfterAsync(session, survey.Pages[pageIndex], pageIndex, validation, now, ct).ConfigureAwait(false);
        var updated = session with
        {
            Language = language,
            Answers = answers,
            Step = session.Step + 1,
            PageIndex = finishing ? pageIndex : pageIndex + 1,
            IsCompleted = finishing,
            IsDisqualified = validation.Disqualifies,
            CompletedAt = finishing ? now : null,
            LastAccessAt = now,
        };
        // Results count the answers of a completed session as stored: announced before the save, counted after it.
        var counting = finishing && !validation.Disqualifies ? await answerCounter.AnnounceAsync(session, ct).ConfigureAwait(false) : null;
        var saved = await SaveAsync(session, updated, pageIndex, counted, ct).ConfigureAwait(false);
        if (counting is not null)
            await answerCounter.CountAsync(counting, saved.Session).ConfigureAwait(false);
        if (saved.Replayed)
            return Replay(survey, saved.Session!);
        if (saved.Session is null)
            return new TakeOutcome(TakeState.SessionNotFound);
        if (capReached)
            await CloseAtCapAsync(survey, now).ConfigureAwait(false);
        return finishing ? Finished(survey, saved.Session) : Show(survey, saved.Session, saved.Session.PageIndex);
    }

    /// <summary>The session's first submission on a multi-language survey: the language, then the first page.</summary>
    private async Task<TakeOutcome> ChooseLanguageAsync(Survey survey, SurveySession session, string? language, SurveyAvailability availability, DateTimeOffset now, CancellationToken ct)
    {
        if (availability != SurveyAvailability.Open)
            return TakeOutcome.Unavailable(availability, session);
        if (language is null)
            return new TakeOutcome(TakeState.LanguageRequired, session);
        var saved = await SaveAsync(session, session with { Language = language, Step = session.Step + 1, LastAccessAt = now }, null, false, ct).ConfigureAwait(false);
        if (saved.Session is null)
            return new TakeOutcome(TakeState.SessionNotFound);
        return saved.Replayed ? Replay(survey, saved.Session) : Show(survey, saved.Session, saved.Session.PageIndex);
    }

    /// <summary>
    /// Writes the step. When another submission got there first, the session as it is now is the answer (a replay) — unless
    /// this submission was already counted as finishing the session: then it must end finished, so it is applied again on
    /// top of what is stored.
    /// </summary>
    private async Task<(SurveySession? Session, bool Replayed)> SaveAsync(SurveySession original, SurveySession updated, int? pageIndex, bool counted, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var saved = await sessions.SaveAsync(original, updated, pageIndex, ct).ConfigureAwait(false);
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

    /// <summary>The session's answers after this page: other pages' answers stay, this page's are replaced by what was given now.</summary>
    private async Task<IReadOnlyList<SessionAnswer>> AnswersAfterAsync(SurveySession session, SurveyPage page, int pageIndex, PageValidation validation, DateTimeOffset now, CancellationToken ct)
    {
        // In the page's question order, whatever order they were sent in.
        var position = page.Questions.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var given = validation.Answers.OrderBy(a => position[a.Question.Id]).ToArray();
        var earlier = session.Answers.ToDictionary(a => a.QuestionId);
        var fresh = await ids.AllocateAsync(session.TenantId, IdKind.Answer, given.Count(a => !earlier.ContainsKey(a.Question.Id)), ct).ConfigureAwait(false);
        var next = 0;
        var answers = given.Select(a => new SessionAnswer
        {
            // An answer to a question answered before keeps its id: the Account family shows it as the same answer.
            Id = earlier.TryGetValue(a.Question.Id, out var before) ? before.Id : fresh[next++],
            QuestionId = a.Question.Id,
            QuestionIdentifier = a.Question.Identifier,
            PageIndex = pageIndex,
            OptionIds = a.OptionIds,
            Value = a.Value,
            Text = a.Text,
            AnsweredAt = now,
        }).ToArray();
        return session.Answers
            .Where(a => a.PageIndex != pageIndex && answers.All(n => n.QuestionId != a.QuestionId))
            .Concat(answers)
            .OrderBy(a => a.PageIndex)
            .ToArray();
    }

    /// <summary>
    /// Whether the survey takes responses now, exactly as this flow decides it (for families that report the survey's state
    /// outside a taking call, such as the Panelists family's <c>survey.status</c> and <c>canRespond</c>).
    /// </summary>
    public Task<SurveyAvailability> AvailabilityNowAsync(Survey survey, CancellationToken ct) => AvailabilityAsync(survey, time.GetUtcNow(), ct);

    /// <summary>
    /// <see cref="SurveyRules.Availability"/> with the completed count read when the survey has a response cap. A survey the
    /// cap closed is full, not just closed: respondents hear <c>quota_full</c>.
    /// </summary>
    private async Task<SurveyAvailability> AvailabilityAsync(Survey survey, DateTimeOffset now, CancellationToken ct)
    {
        if (survey.Status == SurveyStatus.Closed && survey.ClosedReason == SurveyCloseReasons.Quota)
            return SurveyAvailability.QuotaFull;
        var completed = survey.Status == SurveyStatus.Active && survey.Settings.CountsResponses
            ? (await completions.CountAsync(survey.TenantId, survey.Uuid, ct).ConfigureAwait(false)).Completed
            : 0;
        return SurveyRules.Availability(survey, now, completed);
    }

    /// <summary>The response cap is full: record the close on the survey. The tally already refuses further completions.</summary>
    private async Task CloseAtCapAsync(Survey survey, DateTimeOffset now)
    {
        try
        {
            var closed = await surveys.UpdateAsync(survey.TenantId, survey.Uuid, current => Task.FromResult(
                current.Settings.CountsResponses
                    ? SurveyRules.Close(current, now, SurveyCloseReasons.Quota)
                    : (Outcome<Survey>)SurveyErrors.InvalidState("The survey no longer has a response cap.")), CancellationToken.None).ConfigureAwait(false);
            if (closed.IsSuccess)
                Log.SurveyClosedAtCap(logger, survey.Uuid);
        }
        catch (RequestFailedException ex)
        {
            Log.SurveyCapCloseFailed(logger, ex, survey.Uuid);
        }
    }

    private async Task<Respondent> NewRespondentAsync(string tenantId, string externalId, RespondentDetails details, DateTimeOffset now, CancellationToken ct) => new()
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

    private static TakeOutcome Show(Survey survey, SurveySession session, int page)
    {
        if (session.Language is null)
            return new TakeOutcome(TakeState.LanguageRequired, session);
        return page < survey.Pages.Count ? new TakeOutcome(TakeState.Page, session, page) : new TakeOutcome(TakeState.SurveyBroken, session);
    }

    /// <summary>What a submission already applied led to: the finish, or the page the session is on now.</summary>
    private static TakeOutcome Replay(Survey survey, SurveySession session) =>
        session.IsCompleted ? Finished(survey, session) : Show(survey, session, session.PageIndex);

    /// <summary>The session has just finished: the survey's completion or disqualification redirect, if it has one.</summary>
    private static TakeOutcome Finished(Survey survey, SurveySession session) =>
        new(session.IsDisqualified ? TakeState.Disqualified : TakeState.Completed, session, RedirectUrl: RedirectFor(survey, session));

    /// <summary>The respondent comes back to a session that ended: sent on where the survey says, else told they are done.</summary>
    private static TakeOutcome Ended(Survey survey, SurveySession session) =>
        RedirectFor(survey, session) is { } url
            ? new TakeOutcome(TakeState.Redirect, session, RedirectUrl: url)
            : new TakeOutcome(TakeState.AlreadyCompleted, session);

    private static string? RedirectFor(Survey survey, SurveySession session) =>
        SurveyCompletion.Of(survey.Settings).RedirectFor(session.IsDisqualified);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}
