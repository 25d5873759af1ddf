using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The taking flow's entry points for families that take a whole survey's answers in one request rather than page by
/// page (the Responses family): a session offered to a respondent up front, and answers for any of its questions, which
/// may be sent again to change them. The same rules as page by page: availability, <see cref="PageValidator"/> on every
/// page, the completion committer (so a session is counted exactly once, and a response cap holds), If-Match writes.
/// </summary>
public sealed partial class SurveyTaking
{
    /// <summary>
    /// Rounds of read-merge-write when other submissions of the same response keep winning the If-Match race: each round one
    /// writer wins, so this covers a burst of that many concurrent resubmissions of one response (a double-clicked page).
    /// </summary>
    private const int MaxMergeAttempts = 25;

    /// <summary>
    /// A new session for the respondent <paramref name="externalId"/> (none on anonymous surveys), always a new one: each
    /// offer is its own response (one per ticket, say), whatever the respondent answered before. Its language is
    /// <paramref name="language"/> when the survey offers it, else the survey's default.
    /// </summary>
    public async Task<TakeOutcome> OfferAsync(Survey survey, string? externalId, string? language, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var availability = await AvailabilityAsync(survey, now, ct).ConfigureAwait(false);
        if (availability != SurveyAvailability.Open)
            return TakeOutcome.Unavailable(availability);
        if (survey.Pages.Count == 0)
            return new TakeOutcome(TakeState.SurveyBroken);

        externalId = survey.Settings.IsAnonymous ? null : externalId;
        var chosen = SurveyLanguages.Match(survey, language) ?? survey.DefaultLanguage;
        var details = new RespondentDetails(chosen, false, null, null, null, null, null);
        var sessionId = await ids.NextAsync(survey.TenantId, IdKind.Session, ct).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var respondent = externalId is null ? null : await sessions.GetRespondentAsync(survey.TenantId, externalId, ct).ConfigureAwait(false);
            var session = await TryCreateSessionAsync(survey, sessionId, externalId, respondent, chosen, details, now, ct).ConfigureAwait(false);
            if (session is not null)
                return new TakeOutcome(TakeState.Page, session, 0);
        }
        throw new InvalidOperationException($"Could not offer a session of survey {survey.Uuid} after {MaxWriteAttempts} attempts.");
    }

    /// <summary>
    /// Answers to any of the survey's questions, merged into what the session holds: a question given here takes this answer
    /// (an empty one, such as a skip, removes it), others keep theirs. Every page must then pass <see cref="PageValidator"/>,
    /// required questions included; nothing is stored otherwise. The first accepted submission finishes the session and
    /// counts it (or refuses it when the response cap is full); later ones only change answers, and results follow them
    /// exactly (a changed answer's old count is taken back, <see cref="AnswerRevisions"/>); the disqualification the first
    /// one decided stays.
    /// </summary>
    public async Task<TakeOutcome> AnswerWholeAsync(Survey survey, SessionLocator locator, IReadOnlyList<PageAnswer> given, string? language, CancellationToken ct)
    {
        var capReached = false;
        CountingMarker? counting = null;
        for (var attempt = 0; attempt < MaxMergeAttempts; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(Random.Shared.Next(5, 20 + (10 * attempt)), ct).ConfigureAwait(false); // spread the losers out
            var session = await sessions.GetAsync(locator, ct).ConfigureAwait(false);
            if (session is null)
                return new TakeOutcome(TakeState.SessionNotFound);
            var now = time.GetUtcNow();
            var availability = await AvailabilityAsync(survey, now, ct).ConfigureAwait(false);
            // A counted session may still change its answers when the cap has filled since: it is one of those counted.
            if (availability != SurveyAvailability.Open && !(availability == SurveyAvailability.QuotaFull && session.IsCompleted))
                return TakeOutcome.Unavailable(availability, session);

            var chosen = SurveyLanguages.Match(survey, language) ?? session.Language ?? survey.DefaultLanguage;
            var (pages, errors) = ValidateWhole(survey, session, given, chosen);
            if (errors.Count > 0)
                return new TakeOutcome(TakeState.ValidationFailed, session, Errors: errors);
            var disqualifies = pages.Any(p => p.Disqualifies);

            if (!session.IsCompleted)
            {
                var admission = await committer.SubmitAsync(survey, session, disqualifies, now).ConfigureAwait(false);
                if (!admission.IsCounted)
                    return TakeOutcome.Unavailable(SurveyAvailability.QuotaFull, session);
                capReached |= admission.CapReached;
            }

            var answers = await WholeAnswersAsync(session, pages, now, ct).ConfigureAwait(false);
            var updated = session with
            {
                Language = chosen,
                Answers = answers,
                Revisions = AnswerRevisions.After(session, answers),
                Step = session.Step + 1,
                PageIndex = survey.Pages.Count - 1,
                IsCompleted = true,
                IsDisqualified = session.IsCompleted ? session.IsDisqualified : disqualifies,
                CompletedAt = session.CompletedAt ?? now,
                LastAccessAt = now,
            };
            // Results count the stored answers as the page-by-page flow does (marker before the save, count after it). A
            // counted answer that changes is taken back and the new one counted: the revision it replaces is committed first
            // (so the change takes back exactly what was counted), the change's own after the save (see SessionAnswerCounter).
            if (!updated.IsDisqualified)
            {
                updated = await answerCounter.CountBeforeChangeAsync(session, updated).ConfigureAwait(false);
                counting ??= await answerCounter.AnnounceAsync(session, ct).ConfigureAwait(false);
            }
            var saved = await sessions.SavePagesAsync(session, updated, ChangedPages(session.Answers, answers), ct).ConfigureAwait(false);
            // Not saved: another submission got there first, or this one did and its answer was lost (the storage client's
            // retry then fails If-Match). Merge onto what is stored. The marker stays until a save of this request is counted,
            // so if this request fails from here on, recovery still counts what is stored.
            if (saved is null)
                continue;
            if (counting is not null)
                await answerCounter.CountAsync(counting, saved).ConfigureAwait(false);
            if (capReached)
                await CloseAtCapAsync(survey, now).ConfigureAwait(false);
            return new TakeOutcome(saved.IsDisqualified ? TakeState.Disqualified : TakeState.Completed, saved);
        }
        throw new InvalidOperationException($"Could not save session {locator.SessionId} after {MaxMergeAttempts} attempts.");
    }

    /// <summary>Each page's answers after the merge, checked; or the problems (unknown and duplicate questions first).</summary>
    private static (IReadOnlyList<PageValidation> Pages, IReadOnlyList<AnswerError> Errors) ValidateWhole(Survey survey, SurveySession session, IReadOnlyList<PageAnswer> given, string language)
    {
        var errors = new List<AnswerError>();
        var byQuestion = new Dictionary<long, PageAnswer>();
        foreach (var answer in given)
        {
            if (survey.FindQuestion(answer.QuestionId) is null)
                errors.Add(new(answer.QuestionId, AnswerErrorCodes.UnknownQuestion, $"Question {answer.QuestionId} is not a question of this survey."));
            else if (!byQuestion.TryAdd(answer.QuestionId, answer))
                errors.Add(new(answer.QuestionId, AnswerErrorCodes.DuplicateAnswer, $"Question {answer.QuestionId} is answered more than once."));
        }
        var pages = new List<PageValidation>();
        foreach (var page in survey.Pages)
        {
            var answers = page.Questions
                .Select(q => byQuestion.TryGetValue(q.Id, out var answer) ? answer : Stored(q, session.AnswerTo(q.Id)))
                .OfType<PageAnswer>()
                .ToArray();
            var validation = PageValidator.Validate(page, answers, language, survey.DefaultLanguage);
            errors.AddRange(validation.Errors);
            pages.Add(validation);
        }
        return (pages, errors);
    }

    /// <summary>A stored answer in the shape it was given, so it is checked again with the rest (the survey may have changed).</summary>
    private static PageAnswer? Stored(SurveyQuestion question, SessionAnswer? answer) =>
        answer is null ? null
        : question.Type.IsChoice() ? new PageAnswer(question.Id, OptionIds: answer.OptionIds)
        : question.Type.IsScale() ? new PageAnswer(question.Id, Value: answer.Value)
        : new PageAnswer(question.Id, Text: answer.Text);

    /// <summary>
    /// The session's answers after the merge, page by page in question order. An unchanged answer is kept as it was; a changed
    /// one keeps its id and when it was first given; a new one gets a new id.
    /// </summary>
    private async Task<IReadOnlyList<SessionAnswer>> WholeAnswersAsync(SurveySession session, IReadOnlyList<PageValidation> pages, DateTimeOffset now, CancellationToken ct)
    {
        var valid = pages.SelectMany((p, index) => p.Answers.Select(a => (Answer: a, Page: index))).ToArray();
        var fresh = await ids.AllocateAsync(session.TenantId, IdKind.Answer, valid.Count(v => session.AnswerTo(v.Answer.Question.Id) is null), ct).ConfigureAwait(false);
        var next = 0;
        var result = new List<SessionAnswer>();
        foreach (var (answer, page) in valid)
        {
            var before = session.AnswerTo(answer.Question.Id);
            var same = before is not null && before.OptionIds.SequenceEqual(answer.OptionIds) && before.Value == answer.Value && before.Text == answer.Text;
            result.Add(same
                ? before! with { PageIndex = page }
                : new SessionAnswer
                {
                    Id = before?.Id ?? fresh[next++],
                    QuestionId = answer.Question.Id,
                    QuestionIdentifier = answer.Question.Identifier,
                    PageIndex = page,
                    OptionIds = answer.OptionIds,
                    Value = answer.Value,
                    Text = answer.Text,
                    AnsweredAt = now,
                    FirstAnsweredAt = before?.CreatedAt,
                });
        }
        return result;
    }

    /// <summary>The pages whose stored answers differ after the merge: only their rows are rewritten.</summary>
    private static int[] ChangedPages(IReadOnlyList<SessionAnswer> before, IReadOnlyList<SessionAnswer> after) =>
        before.Select(a => a.PageIndex).Concat(after.Select(a => a.PageIndex)).Distinct()
            .Where(page => !before.Where(a => a.PageIndex == page).SequenceEqual(after.Where(a => a.PageIndex == page)))
            .ToArray();
}
