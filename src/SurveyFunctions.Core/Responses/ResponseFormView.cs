using System.Text.Json.Serialization;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// What the response page needs to show a response's survey as a form (not part of Zendesk's Help Center survey responses
/// API, which has no read of the questions before they are answered): the survey's title and language, whether it
/// takes answers, its pages of questions
/// in that API's question shape (translated for the locale) with whether each is required or takes several choices, the
/// response as the localized read shows it (its answers, once given, fill the form in), how the survey ends
/// (<see cref="SurveyCompletion"/>) and whether the response's session has ended (<c>finished</c>: null, <c>completed</c>
/// or <c>disqualified</c>), which the page reads again after sending to know which ending applies.
/// It carries the survey's logic as the management API writes it (each page's identifier and branches, each question's
/// display condition, each option's client id and disqualify flag) and the session's hidden fields, so the page shows and
/// hides questions and pages live by the same rules; the server decides again on submit. <c>redirect_url</c> is where a
/// finished session goes now: its redirect rule's URL, else the survey's completion (or disqualification) redirect.
/// </summary>
public static class ResponseFormView
{
    /// <summary>A choice option's part in the logic: conditions name it by <c>id</c> or <c>client_id</c>; picking it ends the session
    /// when <c>disqualify</c>.</summary>
    public sealed record FormOption(string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId,
        bool Disqualify);

    public sealed record FormQuestion(
        ResponseViews.QuestionView Question,
        bool Required,
        bool Multiple,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Condition? DisplayIf,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FormOption>? Options);

    public sealed record FormPage(
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Identifier,
        IReadOnlyList<FormQuestion> Questions,
        IReadOnlyList<PageBranch> Branches);

    public sealed record FormView(
        string Title,
        string Language,
        string State,
        bool Expired,
        IReadOnlyList<FormPage> Pages,
        IReadOnlyDictionary<string, string> HiddenFields,
        ResponseViews.ResponseView SurveyResponse,
        SurveyCompletion Completion,
        string? Finished,
        string? RedirectUrl);

    public sealed record Wrapped(FormView Form);

    public static Wrapped Of(SurveyResponse response, SurveySession? session, Survey survey, DateTimeOffset now, string locale)
    {
        var view = ResponseViews.Response(response, session, survey, now, locale);
        var pages = survey.Pages.Select(p => new FormPage(p.Identifier, p.Questions.Select(q => Question(q, survey, locale)).ToArray(), p.Branches))
            .ToArray();
        var ended = session is { IsCompleted: true };
        var finished = !ended ? null : session!.IsDisqualified ? "disqualified" : "completed";
        return new Wrapped(new FormView(
            survey.Name, ResponseViews.LanguageFor(survey, locale), view.Survey.State, now >= response.ExpiresAt, pages,
            session?.HiddenFields ?? SurveySession.NoHiddenFields, view, SurveyCompletion.Of(survey.Settings), finished,
            ended ? TakingOutcome.Ended(survey, session!).RedirectUrl : null));
    }

    private static FormQuestion Question(SurveyQuestion q, Survey survey, string locale) => new(
        ResponseViews.Question(q, survey, locale),
        q.Required,
        q.Type == QuestionType.MultipleChoice,
        q.DisplayIf,
        q.Type.IsChoice() ? q.Options.Select(o => new FormOption(WireIds.Of(o.Id), o.ClientId, o.Disqualify)).ToArray() : null);
}
