using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Core.Taking;

/// <summary>What a call to the taking flow led to, for the calling family to word.</summary>
/// <param name="ShownPage">The 0-based page to show for <see cref="TakingState.Page"/> and <see cref="TakingState.ValidationFailed"/>
/// (null there means the language choice).</param>
/// <param name="Definition">The survey as the session takes it (<see cref="SessionDefinitions"/>): show pages from it. Null
/// when no session was read; then the survey the family loaded is the one.</param>
/// <param name="RedirectByRule">The session ended by a redirect branch: <see cref="RedirectUrl"/> is that branch's (the QuestionPro
/// survey-taking API's <c>redirect</c> status).</param>
public sealed record TakingOutcome(
    TakingState State,
    SurveySession? Session = null,
    int? ShownPage = null,
    IReadOnlyList<AnswerError>? Errors = null,
    string? RedirectUrl = null,
    SurveyAvailability Availability = SurveyAvailability.Open,
    bool RedirectByRule = false,
    Survey? Definition = null)
{
    public static TakingOutcome Unavailable(SurveyAvailability availability, SurveySession? session = null) =>
        new(TakingState.Unavailable, session, Availability: availability);

    /// <summary>Page <paramref name="page"/> of the session; the language choice while it has none; broken past the last page.</summary>
    public static TakingOutcome Show(Survey survey, SurveySession session, int page)
    {
        if (session.Language is null)
            return new TakingOutcome(TakingState.LanguageRequired, session, Definition: survey);
        return page < survey.Pages.Count
            ? new TakingOutcome(TakingState.Page, session, page, Definition: survey)
            : new TakingOutcome(TakingState.SurveyBroken, session, Definition: survey);
    }

    /// <summary>What a submission already applied led to: the finish, or the page the session is on now.</summary>
    public static TakingOutcome Replay(Survey survey, SurveySession session) =>
        session.IsCompleted ? Finished(survey, session) : Show(survey, session, session.PageIndex);

    /// <summary>The session has just finished: the redirect rule that ended it, else the survey's completion or disqualification
    /// redirect, if it has one.</summary>
    public static TakingOutcome Finished(Survey survey, SurveySession session)
    {
        var byRule = RuleRedirect(survey, session);
        return new(session.IsDisqualified ? TakingState.Disqualified : TakingState.Completed, session,
            RedirectUrl: byRule ?? SurveyCompletion.Of(survey.Settings).RedirectFor(session.IsDisqualified), RedirectByRule: byRule is not null,
            Definition: survey);
    }

    /// <summary>The respondent comes back to a session that ended: sent on where the survey says, else told they are done.</summary>
    public static TakingOutcome Ended(Survey survey, SurveySession session) =>
        (RuleRedirect(survey, session) ?? SurveyCompletion.Of(survey.Settings).RedirectFor(session.IsDisqualified)) is { } url
            ? new TakingOutcome(TakingState.Redirect, session, RedirectUrl: url, Definition: survey)
            : new TakingOutcome(TakingState.AlreadyCompleted, session, Definition: survey);

    /// <summary>The URL of the redirect branch the session's path ends with, if it ends with one (decided again from the stored
    /// answers, so a replay or a later visit is sent to the same place).</summary>
    private static string? RuleRedirect(Survey survey, SurveySession session) =>
        session.IsCompleted && SurveyPath.Walk(survey, session.Answers, session.HiddenFields).Ending is RedirectTo redirect ? redirect.Url : null;
}
