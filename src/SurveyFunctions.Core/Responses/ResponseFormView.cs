using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// What the response page needs to show a response's survey as a form (not part of Zendesk's Help Center survey responses
/// API, which has no read of the questions before they are answered): the survey's title and language, whether it
/// takes answers, its pages of questions
/// in that API's question shape (translated for the locale) with whether each is required or takes several choices, the
/// response as the localized read shows it (its answers, once given, fill the form in), how the survey ends
/// (<see cref="SurveyCompletion"/>) and whether the response's session has ended (<c>finished</c>: null, <c>completed</c>
/// or <c>disqualified</c>), which the page reads again after sending to know which ending applies.
/// </summary>
public static class ResponseFormView
{
    public sealed record FormQuestion(ResponseViews.QuestionView Question, bool Required, bool Multiple);

    public sealed record FormPage(IReadOnlyList<FormQuestion> Questions);

    public sealed record FormView(
        string Title,
        string Language,
        string State,
        bool Expired,
        IReadOnlyList<FormPage> Pages,
        ResponseViews.ResponseView SurveyResponse,
        SurveyCompletion Completion,
        string? Finished);

    public sealed record Wrapped(FormView Form);

    public static Wrapped Of(SurveyResponse response, SurveySession? session, Survey survey, DateTimeOffset now, string locale)
    {
        var view = ResponseViews.Response(response, session, survey, now, locale);
        var pages = survey.Pages
            .Select(p => new FormPage(p.Questions.Select(q => new FormQuestion(ResponseViews.Question(q, survey, locale), q.Required,
                q.Type == QuestionType.MultipleChoice)).ToArray()))
            .ToArray();
        var finished = session is not { IsCompleted: true } ? null : session.IsDisqualified ? "disqualified" : "completed";
        return new Wrapped(new FormView(
            survey.Name, ResponseViews.LanguageFor(survey, locale), view.Survey.State, now >= response.ExpiresAt, pages, view,
                SurveyCompletion.Of(survey.Settings), finished));
    }
}
