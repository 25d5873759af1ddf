using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// Turns a taking outcome into the panelist side's reply (<see cref="PanelistViews.Reply"/>): the Take family's status words
/// and question views, a session token when there is a page to submit, progress, and how the survey ends
/// (<see cref="SurveyCompletion"/>, which the page applies on <c>survey_complete</c> and <c>terminated</c>).
/// </summary>
public sealed class PanelistReplies(SessionTokens tokens, PanelistState state)
{
    /// <summary>The status of a dismiss call.</summary>
    public const string Dismissed = "dismissed";

    public async Task<IResult> RenderAsync(TakingOutcome outcome, Survey survey, Panelist panelist, CancellationToken ct, string? status = null)
    {
        var (surveyStatus, isOpen) = await state.SurveyStatusAsync(survey, ct).ConfigureAwait(false);
        var canRespond = await state.CanRespondAsync(survey, panelist, isOpen, ct).ConfigureAwait(false);
        var session = outcome.Session;
        survey = outcome.Definition ?? survey;
        var language = session?.Language ?? survey.DefaultLanguage;

        string? token = null;
        PanelistViews.Progress? progress = null;
        IReadOnlyList<QuestionViews.Question>? questions = null;
        switch (outcome.State)
        {
            case TakingState.Page or TakingState.ValidationFailed when outcome.ShownPage is { } page && session is not null:
                token = tokens.Issue(session, page);
                var shown = ShownPage.Of(survey, session, page);
                progress = new PanelistViews.Progress(shown.Position, shown.PathLength, shown.ProgressPercentage, shown.IsFinal);
                questions = shown.Questions;
                break;
            case TakingState.LanguageRequired or TakingState.ValidationFailed when session is not null:
                token = tokens.Issue(session, null);
                progress = new PanelistViews.Progress(1, survey.Pages.Count, 0, false);
                questions = [QuestionRenderer.RenderLanguageChoice(survey)];
                break;
        }
        var reply = new PanelistViews.Reply(
            status ?? TakingStatuses.For(outcome),
            token,
            new PanelistViews.ReplySurvey(survey.Name, surveyStatus, language),
            new PanelistViews.ReplyPanelist(canRespond, panelist.SessionCount, panelist.DismissedMostRecentAt?.ToUnixTimeSeconds()),
            progress,
            questions,
            outcome.Errors?.Select(e => new QuestionViews.ValidationError(e.QuestionId, e.Code, e.Message)).ToArray(),
            outcome.RedirectUrl,
            SurveyCompletion.Of(survey.Settings));
        return Results.Json(reply, ApiJson.Options);
    }
}
