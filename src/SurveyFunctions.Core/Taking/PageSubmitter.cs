using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// A submitted page (or the language choice), from the position a session token recorded: check it against the questions
/// the respondent's path shows, store it, and go where the path leads (<see cref="SurveyPath"/>): the next page on it, or
/// the end (completed, disqualified, or sent on by a redirect rule). A page submitted twice with the same
/// <see cref="SessionPosition"/> is stored once; the second submission gets the answer the first one led to
/// (<see cref="SessionWriter"/> makes the writes exactly-once).
/// </summary>
public sealed class PageSubmitter(
    SessionStore sessions,
    SessionWriter writer,
    SessionDefinitions definitions,
    SessionAnswerCounter answerCounter,
    IdAllocator ids,
    TakingAvailability availability,
    TimeProvider time)
{
    /// <summary>A page's answers (or the language choice) from the position a session token recorded.</summary>
    public async Task<TakingOutcome> SubmitAsync(Survey survey, SessionPosition position, PageSubmission submission, CancellationToken ct)
    {
        var session = await sessions.GetAsync(position.Session, ct).ConfigureAwait(false);
        if (session is null || position.Step > session.Step)
            return new TakingOutcome(TakingState.SessionNotFound);
        var definition = await definitions.ForAsync(survey, session, ct).ConfigureAwait(false);
        var outcome = await SubmitAsync(definition, session, position, submission, ct).ConfigureAwait(false);
        return outcome with { Definition = definition };
    }

    private async Task<TakingOutcome> SubmitAsync(Survey survey, SurveySession session, SessionPosition position, PageSubmission submission,
        CancellationToken ct)
    {
        if (position.Step < session.Step)
            return TakingOutcome.Replay(survey, session);
        if (session.IsCompleted)
            return TakingOutcome.Ended(survey, session);

        var now = time.GetUtcNow();
        var open = await availability.AtAsync(survey, now, ct).ConfigureAwait(false);
        if (open is not (SurveyAvailability.Open or SurveyAvailability.QuotaFull))
            return TakingOutcome.Unavailable(open, session);

        // The page the token was issued for (none while a multi-language survey waits for the language choice): the current
        // page, or an earlier one on the respondent's path (going back). Anything else is refused with the current page shown.
        var pageIndex = position.Page ?? session.PageIndex;
        var before = SurveyPath.Walk(survey, session.Answers, session.HiddenFields);
        if (session.Language is not null && pageIndex >= survey.Pages.Count)
            return new TakingOutcome(TakingState.SurveyBroken, session);
        if (session.Language is not null && (pageIndex > session.PageIndex || before.PositionOf(pageIndex) < 0))
            return new TakingOutcome(TakingState.ValidationFailed, session, session.PageIndex,
                [new AnswerError(null, AnswerErrorCodes.PageNotOnPath,
                    $"Page {pageIndex + 1} is not the page this session is on, nor an earlier page on its path; " +
                    $"answer page {session.PageIndex + 1}.")]);

        var language = session.Language;
        if (submission.Language is not null)
        {
            language = SurveyLanguages.Match(survey, submission.Language);
            if (language is null)
            {
                var offered = string.Join(", ", survey.Languages);
                return new TakingOutcome(TakingState.ValidationFailed, session, session.Language is null ? null : pageIndex,
                    [new AnswerError(null, AnswerErrorCodes.UnknownLanguage,
                        $"This survey is offered in {offered}; '{Shorten(submission.Language)}' is not one of them.")]);
            }
        }
        if (session.Language is null)
            return await ChooseLanguageAsync(survey, session, language, open, now, ct).ConfigureAwait(false);

        var page = survey.Pages[pageIndex];
        var shown = before.ShownOn(pageIndex);
        var notShown = page.Questions.Where(q => !shown.Contains(q)).Select(q => q.Id).ToHashSet();
        var validation = PageValidator.Validate(page, submission.Answers, language, survey.DefaultLanguage, notShown);
        if (!validation.IsValid)
            return new TakingOutcome(TakingState.ValidationFailed, session, pageIndex, validation.Errors);

        // The path again with this page's answers: where it leads next, or how it ends; answers it no longer passes are dropped.
        var after = SurveyPath.Walk(survey, await AnswersAfterAsync(session, page, pageIndex, validation, now, ct).ConfigureAwait(false),
            session.HiddenFields);
        var next = after.NextAfter(pageIndex);
        var finishing = next is null;
        var disqualifies = finishing && after.Disqualifies;
        // Full: only a submission that finishes the session goes on, for the completion tally to decide (it may be this
        // very session's completion, counted before its answer was lost).
        if (open == SurveyAvailability.QuotaFull && !finishing)
            return TakingOutcome.Unavailable(open, session);

        var counted = false;
        var capReached = false;
        if (finishing)
        {
            var admission = await writer.AdmitCompletionAsync(survey, session, disqualifies, now).ConfigureAwait(false);
            if (!admission.IsCounted)
                return TakingOutcome.Unavailable(SurveyAvailability.QuotaFull, session);
            counted = true;
            capReached = admission.CapReached;
        }

        var updated = session with
        {
            Language = language,
            Answers = after.Kept,
            Step = session.Step + 1,
            PageIndex = next ?? pageIndex,
            IsCompleted = finishing,
            IsDisqualified = disqualifies,
            CompletedAt = finishing ? now : null,
            LastAccessAt = now,
        };
        // Results count the answers of a completed session as stored, and its events report it (a disqualified one too):
        // announced before the save, counted after it.
        var counting = finishing ? await answerCounter.AnnounceAsync(session, ct).ConfigureAwait(false) : null;
        var pages = SessionWriter.ChangedPages(session.Answers, updated.Answers).Append(pageIndex).Distinct().ToArray();
        var saved = await writer.SaveStepAsync(session, updated, pages, counted, ct).ConfigureAwait(false);
        if (counting is not null)
            await answerCounter.CountAsync(counting, saved.Session).ConfigureAwait(false);
        if (saved.Replayed)
            return TakingOutcome.Replay(survey, saved.Session!);
        if (saved.Session is null)
            return new TakingOutcome(TakingState.SessionNotFound);
        if (capReached)
            await writer.CloseAtCapAsync(survey, now).ConfigureAwait(false);
        return finishing ? TakingOutcome.Finished(survey, saved.Session) : TakingOutcome.Show(survey, saved.Session, saved.Session.PageIndex);
    }

    /// <summary>The session's first submission on a multi-language survey: the language, then the first page.</summary>
    private async Task<TakingOutcome> ChooseLanguageAsync(Survey survey, SurveySession session, string? language, SurveyAvailability open,
        DateTimeOffset now, CancellationToken ct)
    {
        if (open != SurveyAvailability.Open)
            return TakingOutcome.Unavailable(open, session);
        if (language is null)
            return new TakingOutcome(TakingState.LanguageRequired, session);
        var saved = await writer.SaveStepAsync(session, session with { Language = language, Step = session.Step + 1, LastAccessAt = now }, [],
            false, ct).ConfigureAwait(false);
        if (saved.Session is null)
            return new TakingOutcome(TakingState.SessionNotFound);
        return saved.Replayed ? TakingOutcome.Replay(survey, saved.Session) : TakingOutcome.Show(survey, saved.Session, saved.Session.PageIndex);
    }

    /// <summary>The session's answers after this page: other pages' answers stay, this page's are replaced by what was given now.</summary>
    private async Task<IReadOnlyList<SessionAnswer>> AnswersAfterAsync(SurveySession session, SurveyPage page, int pageIndex,
        PageValidation validation, DateTimeOffset now, CancellationToken ct)
    {
        // In the page's question order, whatever order they were sent in.
        var position = page.Questions.Select((q, i) => (q.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var given = validation.Answers.OrderBy(a => position[a.Question.Id]).ToArray();
        var earlier = session.Answers.ToDictionary(a => a.QuestionId);
        var fresh = await ids.AllocateAsync(session.TenantId, IdKind.Answer, given.Count(a => !earlier.ContainsKey(a.Question.Id)),
            ct).ConfigureAwait(false);
        var next = 0;
        // An answer to a question answered before keeps its id: the Account family shows it as the same answer.
        var answers = given.Select(a => a.ToStored(earlier.TryGetValue(a.Question.Id, out var before) ? before.Id : fresh[next++], pageIndex, now))
            .ToArray();
        return session.Answers
            .Where(a => a.PageIndex != pageIndex && answers.All(n => n.QuestionId != a.QuestionId))
            .Concat(answers)
            .OrderBy(a => a.PageIndex)
            .ToArray();
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";
}
