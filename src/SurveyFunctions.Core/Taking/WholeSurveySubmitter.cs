using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Answers for any of a survey's questions in one request, for families that take a whole survey rather than page by page
/// (Zendesk's Help Center survey responses API), into a session <see cref="SessionStarter.OfferAsync"/> opened; they may be
/// sent again to change them. The same rules as page by page: availability, <see cref="PageValidator"/> on every page, the
/// completion committer (so a session is counted exactly once, and a response cap holds), If-Match writes, and the same
/// logic: only the pages and questions the respondent's path shows are answerable, and only their answers are kept.
/// </summary>
public sealed class WholeSurveySubmitter(
    SessionStore sessions,
    SessionWriter writer,
    SessionDefinitions definitions,
    SessionAnswerCounter answerCounter,
    IdAllocator ids,
    TakingAvailability availability,
    TimeProvider time)
{
    /// <summary>
    /// Rounds of read-merge-write when other submissions of the same response keep winning the If-Match race: each round one
    /// writer wins, so this covers a burst of that many concurrent resubmissions of one response (a double-clicked page).
    /// </summary>
    private const int MaxMergeAttempts = 25;

    /// <summary>
    /// Answers to any of the survey's questions, merged into what the session holds: a question given here takes this answer
    /// (an empty one, such as a skip, removes it), others keep theirs. Every page must then pass <see cref="PageValidator"/>,
    /// required questions included; nothing is stored otherwise. The first accepted submission finishes the session and
    /// counts it (or refuses it when the response cap is full); later ones only change answers, and results follow them
    /// exactly (a changed answer's old count is taken back, <see cref="AnswerRevisions"/>); the disqualification the first
    /// one decided stays.
    /// </summary>
    public async Task<TakingOutcome> SubmitAsync(Survey survey, SessionLocator locator, IReadOnlyList<PageAnswer> given, string? language,
        CancellationToken ct)
    {
        var capReached = false;
        CountingMarker? counting = null;
        for (var attempt = 0; attempt < MaxMergeAttempts; attempt++)
        {
            if (attempt > 0)
                await Task.Delay(Random.Shared.Next(5, 20 + (10 * attempt)), ct).ConfigureAwait(false); // spread the losers out
            var session = await sessions.GetAsync(locator, ct).ConfigureAwait(false);
            if (session is null)
                return new TakingOutcome(TakingState.SessionNotFound);
            survey = await definitions.ForAsync(survey, session, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var open = await availability.AtAsync(survey, now, ct).ConfigureAwait(false);
            // A counted session may still change its answers when the cap has filled since: it is one of those counted.
            if (open != SurveyAvailability.Open && !(open == SurveyAvailability.QuotaFull && session.IsCompleted))
                return TakingOutcome.Unavailable(open, session);

            var chosen = SurveyLanguages.Match(survey, language) ?? session.Language ?? survey.DefaultLanguage;
            var (pages, path, errors) = WholeSurveyMerge.Validate(survey, session, given, chosen);
            if (errors.Count > 0)
                return new TakingOutcome(TakingState.ValidationFailed, session, Errors: errors, Definition: survey);
            var disqualifies = path.Disqualifies;

            if (!session.IsCompleted)
            {
                var admission = await writer.AdmitCompletionAsync(survey, session, disqualifies, now).ConfigureAwait(false);
                if (!admission.IsCounted)
                    return TakingOutcome.Unavailable(SurveyAvailability.QuotaFull, session);
                capReached |= admission.CapReached;
            }

            var answers = await WholeAnswersAsync(session, pages, now, ct).ConfigureAwait(false);
            var updated = session with
            {
                Language = chosen,
                Answers = answers,
                Revisions = AnswerRevisions.After(session, answers),
                Step = session.Step + 1,
                PageIndex = path.Steps[^1].Page,
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
            var saved = await writer.TrySavePagesAsync(session, updated, SessionWriter.ChangedPages(session.Answers, answers),
                ct).ConfigureAwait(false);
            // Not saved: another submission got there first, or this one did and its answer was lost (the storage client's
            // retry then fails If-Match). Merge onto what is stored. The marker stays until a save of this request is counted,
            // so if this request fails from here on, recovery still counts what is stored.
            if (saved is null)
                continue;
            if (counting is not null)
                await answerCounter.CountAsync(counting, saved).ConfigureAwait(false);
            if (capReached)
                await writer.CloseAtCapAsync(survey, now).ConfigureAwait(false);
            return new TakingOutcome(saved.IsDisqualified ? TakingState.Disqualified : TakingState.Completed, saved, Definition: survey);
        }
        throw new InvalidOperationException($"Could not save session {locator.SessionId} after {MaxMergeAttempts} attempts.");
    }

    /// <summary>
    /// The session's answers after the merge, page by page in question order. An unchanged answer is kept as it was; a changed
    /// one keeps its id and when it was first given; a new one gets a new id.
    /// </summary>
    private async Task<IReadOnlyList<SessionAnswer>> WholeAnswersAsync(SurveySession session, IReadOnlyList<PageValidation> pages, DateTimeOffset now,
        CancellationToken ct)
    {
        var valid = pages.SelectMany((p, index) => p.Answers.Select(a => (Answer: a, Page: index))).ToArray();
        var fresh = await ids.AllocateAsync(session.TenantId, IdKind.Answer, valid.Count(v => session.AnswerTo(v.Answer.Question.Id) is null),
            ct).ConfigureAwait(false);
        var next = 0;
        var result = new List<SessionAnswer>();
        foreach (var (answer, page) in valid)
        {
            var before = session.AnswerTo(answer.Question.Id);
            result.Add(before is not null && answer.Matches(before)
                ? before with { PageIndex = page }
                : answer.ToStored(before?.Id ?? fresh[next++], page, now, before?.CreatedAt));
        }
        return result;
    }
}
