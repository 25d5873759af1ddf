using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// How a respondent gets a session, for every family that lets respondents answer: start one (or pick up the respondent's
/// unfinished one), come back to one, or be offered a new one up front; each refused whatever the survey's availability
/// (<see cref="SurveyRules.Availability"/>: status, start date, stop date, response cap) does not allow right now.
/// </summary>
public sealed class SessionStarter(
    SessionStore sessions,
    SessionWriter writer,
    SessionDefinitions definitions,
    IdAllocator ids,
    TakingAvailability availability,
    TimeProvider time)
{
    /// <summary>
    /// A respondent's first call: a new session, or for a known respondent (<see cref="SessionStart.ExternalId"/>, not on
    /// anonymous surveys) their unfinished session, or <see cref="TakingState.AlreadyCompleted"/> when they finished before
    /// and the survey takes one response each.
    /// </summary>
    public async Task<TakingOutcome> StartAsync(Survey survey, SessionStart start, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var open = await availability.AtAsync(survey, now, ct).ConfigureAwait(false);
        if (open != SurveyAvailability.Open)
            return TakingOutcome.Unavailable(open);
        if (survey.Pages.Count == 0)
            return new TakingOutcome(TakingState.SurveyBroken);

        var externalId = survey.Settings.IsAnonymous ? null : start.ExternalId;
        var language = SurveyLanguages.ForNewSession(survey, start.Language);
        var details = start.Details with { Language = language ?? start.Details.Language };
        long? sessionId = null; // allocated once, when a session is first to be created, and kept across attempts
        for (var attempt = 0; attempt < SessionWriter.MaxWriteAttempts; attempt++)
        {
            Respondent? respondent = null;
            if (externalId is not null)
            {
                // One read of the profile, then the sessions: a session started after it rewrote the profile, so the
                // If-Match on its ETag below refuses to start a second one, and the next round finds it in the list.
                (respondent, var earlier) = await sessions
                    .GetRespondentWithSurveySessionsAsync(survey.TenantId, externalId, survey.Uuid, ct).ConfigureAwait(false);
                if (!survey.Settings.AllowMultipleResponses && earlier.LastOrDefault(s => s.IsCompleted) is { } finished)
                    return TakingOutcome.Ended(await definitions.ForAsync(survey, finished, ct).ConfigureAwait(false), finished);
                if (earlier.LastOrDefault(s => !s.IsCompleted) is { } unfinished)
                {
                    var definition = await definitions.ForAsync(survey, unfinished, ct).ConfigureAwait(false);
                    return TakingOutcome.Show(definition, unfinished, unfinished.PageIndex);
                }
            }
            sessionId ??= await ids.NextAsync(survey.TenantId, IdKind.Session, ct).ConfigureAwait(false);
            var stored = await writer.TryCreateAsync(survey, sessionId.Value, externalId, respondent, language, details,
                HiddenFieldValues.Declared(survey, start.HiddenFields), now, ct).ConfigureAwait(false);
            if (stored is not null)
                return TakingOutcome.Show(survey, stored, 0);
        }
        throw new InvalidOperationException($"Could not start a session of survey {survey.Uuid} after {SessionWriter.MaxWriteAttempts} attempts.");
    }

    /// <summary>
    /// A later call without answers: the session's current page, or an earlier one the respondent goes back to
    /// (<paramref name="requestedPage"/>, 0-based; a page not reached yet shows the current one).
    /// </summary>
    public async Task<TakingOutcome> ResumeAsync(Survey survey, SessionLocator locator, int? requestedPage, CancellationToken ct)
    {
        var session = await sessions.GetAsync(locator, ct).ConfigureAwait(false);
        if (session is null)
            return new TakingOutcome(TakingState.SessionNotFound);
        survey = await definitions.ForAsync(survey, session, ct).ConfigureAwait(false);
        if (session.IsCompleted)
            return TakingOutcome.Ended(survey, session);
        var open = await availability.AtAsync(survey, time.GetUtcNow(), ct).ConfigureAwait(false);
        if (open != SurveyAvailability.Open)
            return TakingOutcome.Unavailable(open, session);
        // Back to an earlier page on the respondent's path only: a page the path skips is never shown.
        var onPath = requestedPage is { } p && p >= 0 && p <= session.PageIndex &&
            SurveyPath.Walk(survey, session.Answers, session.HiddenFields).PositionOf(p) >= 0;
        var page = onPath ? requestedPage!.Value : session.PageIndex;
        return TakingOutcome.Show(survey, session, page);
    }

    /// <summary>
    /// A new session for the respondent <paramref name="externalId"/> (none on anonymous surveys), always a new one: each
    /// offer is its own response (one per ticket, say), whatever the respondent answered before, with the hidden-field values
    /// <paramref name="hidden"/>. Its language is <paramref name="language"/> when the survey offers it, else the survey's default.
    /// For families that take a whole survey's answers in one request (<see cref="WholeSurveySubmitter"/>).
    /// </summary>
    public async Task<TakingOutcome> OfferAsync(Survey survey, string? externalId, string? language, IReadOnlyDictionary<string, string> hidden,
        CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var open = await availability.AtAsync(survey, now, ct).ConfigureAwait(false);
        if (open != SurveyAvailability.Open)
            return TakingOutcome.Unavailable(open);
        if (survey.Pages.Count == 0)
            return new TakingOutcome(TakingState.SurveyBroken);

        externalId = survey.Settings.IsAnonymous ? null : externalId;
        var chosen = SurveyLanguages.Match(survey, language) ?? survey.DefaultLanguage;
        var details = new RespondentDetails(chosen, false, null, null, null, null, null);
        var sessionId = await ids.NextAsync(survey.TenantId, IdKind.Session, ct).ConfigureAwait(false);
        for (var attempt = 0; attempt < SessionWriter.MaxWriteAttempts; attempt++)
        {
            var respondent = externalId is null ? null : await sessions.GetRespondentAsync(survey.TenantId, externalId, ct).ConfigureAwait(false);
            var session = await writer.TryCreateAsync(survey, sessionId, externalId, respondent, chosen, details,
                HiddenFieldValues.Declared(survey, hidden), now, ct).ConfigureAwait(false);
            if (session is not null)
                return new TakingOutcome(TakingState.Page, session, 0);
        }
        throw new InvalidOperationException($"Could not offer a session of survey {survey.Uuid} after {SessionWriter.MaxWriteAttempts} attempts.");
    }
}
