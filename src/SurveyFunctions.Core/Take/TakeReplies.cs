using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// Turns a taking outcome into the QuestionPro survey-taking API's answer: the envelope (<see cref="TakeViews"/>) with 200, and a fresh
/// <c>x-survey-token</c> on every answer (exposed to browsers on other origins): the session's, or a visitor token when
/// there is no session (<see cref="SessionTokens.IssueVisitor"/>).
/// </summary>
public sealed class TakeReplies(SessionTokens tokens)
{
    public IResult Render(TakingOutcome outcome, Survey survey, HttpContext context)
    {
        survey = outcome.Definition ?? survey;
        SetToken(context, outcome.Session is { } session ? tokens.Issue(session, TokenPage(outcome, session)) : tokens.IssueVisitor(survey));
        var status = TakingStatuses.For(outcome);
        var response = outcome.State switch
        {
            TakingState.Page => PageView(status, survey, outcome.Session!, outcome.ShownPage!.Value, null),
            TakingState.ValidationFailed when outcome.ShownPage is { } page => PageView(status, survey, outcome.Session!, page, outcome.Errors),
            TakingState.ValidationFailed or TakingState.LanguageRequired => LanguageView(status, survey, outcome.Errors),
            _ => new TakeViews.TakeResponse(status, outcome.RedirectUrl),
        };
        return Results.Json(new TakeViews.Reply(response, RequestIds.Get(context)), ApiJson.Options);
    }

    /// <summary>An answer with only a status (and a visitor token), for a call that never reached a session (its token was refused).</summary>
    public IResult StatusOnly(string status, Survey survey, HttpContext context)
    {
        SetToken(context, tokens.IssueVisitor(survey));
        return Results.Json(new TakeViews.Reply(new TakeViews.TakeResponse(status), RequestIds.Get(context)), ApiJson.Options);
    }

    private static void SetToken(HttpContext context, string token)
    {
        var headers = context.Response.Headers;
        headers[SessionTokens.Header] = token;
        headers.AccessControlExposeHeaders = SessionTokens.Header;
    }

    /// <summary>The page the next submission will be for: the one shown, the language choice (null), or where the session is.</summary>
    private static int? TokenPage(TakingOutcome outcome, SurveySession session) => outcome.State switch
    {
        TakingState.Page or TakingState.ValidationFailed => outcome.ShownPage,
        TakingState.LanguageRequired => null,
        _ => session.PageIndex,
    };

    private static TakeViews.TakeResponse PageView(string status, Survey survey, SurveySession session, int page, IReadOnlyList<AnswerError>? errors)
    {
        var shown = ShownPage.Of(survey, session, page);
        return new TakeViews.TakeResponse(
            status,
            Meta: new TakeViews.Meta(shown.IsFinal, shown.ProgressPercentage),
            Navigation: new TakeViews.Navigation(shown.PreviousPage is { } previous ? PageUrl(survey, previous) : null, SubmitUrl(survey)),
            ThemeConfig: TakeViews.ThemeConfig.None,
            Questions: shown.Questions,
            ValidationErrors: errors?.Select(ToView).ToArray());
    }

    private static TakeViews.TakeResponse LanguageView(string status, Survey survey, IReadOnlyList<AnswerError>? errors) =>
        new(
            status,
            Meta: new TakeViews.Meta(false, 0),
            Navigation: new TakeViews.Navigation(null, SubmitUrl(survey)),
            ThemeConfig: TakeViews.ThemeConfig.None,
            Questions: [QuestionRenderer.RenderLanguageChoice(survey)],
            ValidationErrors: errors?.Select(ToView).ToArray());

    private static QuestionViews.ValidationError ToView(AnswerError error) => new(error.QuestionId, error.Code, error.Message);

    private static string SubmitUrl(Survey survey) => $"/a/api/v2/surveys/{survey.Id.ToString(CultureInfo.InvariantCulture)}/submit-page";

    /// <summary>The URL that shows <paramref name="page"/> (0-based) again: <c>page</c> is 1-based.</summary>
    private static string PageUrl(Survey survey, int page) =>
        $"/a/api/v2/surveys/{survey.Id.ToString(CultureInfo.InvariantCulture)}/take?page={(page + 1).ToString(CultureInfo.InvariantCulture)}";
}
