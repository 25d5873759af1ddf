using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Views;

/// <summary>
/// The one wire shape of a survey: the Polling.com Account Level API's (<c>GET /api/account/surveys/{uuid}</c>), which our management API
/// returns too (create, get, list items, transitions), so one reader serves both. Field names become snake_case through
/// <see cref="Http.Json.ApiJson"/>. <c>json</c> is the survey definition with our ids filled in; it is also a valid create/PATCH
/// body fragment (languages and pages), so a client can GET, edit and send it back.
/// </summary>
public static class SurveyViews
{
    public sealed record SurveyView(
        long Id,
        string Uuid,
        string Name,
        string Status,
        DefinitionJson Json,
        string? Description,
        SettingsView Settings,
        IReadOnlyList<QuestionSummary> Questions,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    /// <summary>Its documentation's "raw survey JSON … including questions and pages", plus the survey's logic: its hidden
    /// fields, each page's identifier and branches, each question's display condition.</summary>
    public sealed record DefinitionJson(IReadOnlyList<string> Languages, IReadOnlyList<PageJson> Pages, IReadOnlyList<string> HiddenFields);

    public sealed record PageJson(string? Identifier, IReadOnlyList<QuestionJson> Questions, IReadOnlyList<PageBranch> Branches);

    /// <summary>Its documentation's "raw question JSON": every field of the question, with localized texts as given.</summary>
    public sealed record QuestionJson(long Id, string Identifier, string Type, LocalizedText Question, bool Required,
        IReadOnlyList<OptionJson> Options, ScaleJson? Scale, Condition? DisplayIf);

    public sealed record OptionJson(long Id, string? ClientId, LocalizedText Label, bool Disqualify);

    public sealed record ScaleJson(int Min, int Max, IReadOnlyDictionary<string, LocalizedText> Labels);

    /// <summary>An entry of its documentation's <c>questions</c>: <c>question</c> is the title in the survey's default language.</summary>
    public sealed record QuestionSummary(long Id, string Identifier, string Type, string Question, QuestionJson Json);

    /// <summary>Its documentation's settings, in its order, plus <c>allow_multiple_responses</c>. <c>stop_value</c> is a
    /// date-time, a number or null.</summary>
    public sealed record SettingsView(
        string StopCriteria,
        object? StopValue,
        decimal? RewardAmount,
        string? RewardName,
        JsonElement? CompleteJson,
        string? CompleteHtml,
        string StartTrigger,
        DateTimeOffset? StartAt,
        bool IsAnonymous,
        string? RedirectUrl,
        string RedirectType,
        string UserHashMethod,
        string? RedirectUrlDisqualified,
        bool AllowMultipleResponses);

    public static SurveyView Full(Survey survey) => new(
        survey.Id,
        survey.Uuid,
        survey.Name,
        survey.Status.ToWire(),
        Definition(survey),
        survey.Description,
        Settings(survey.Settings),
        survey.Questions.Select(q => new QuestionSummary(q.Id, q.Identifier, q.Type.ToWire(), q.Text.Resolve(null, survey.DefaultLanguage),
            Question(q))).ToArray(),
        survey.CreatedAt,
        survey.UpdatedAt);

    public static DefinitionJson Definition(Survey survey) =>
        new(survey.Languages, survey.Pages.Select(p => new PageJson(p.Identifier, p.Questions.Select(Question).ToArray(), p.Branches)).ToArray(),
            survey.HiddenFields);

    public static QuestionJson Question(SurveyQuestion q) => new(
        q.Id,
        q.Identifier,
        q.Type.ToWire(),
        q.Text,
        q.Required,
        q.Options.Select(o => new OptionJson(o.Id, o.ClientId, o.Label, o.Disqualify)).ToArray(),
        q.Scale is { } s ? new ScaleJson(s.Min, s.Max,
            s.Labels.ToDictionary(l => l.Key.ToString(CultureInfo.InvariantCulture), l => l.Value)) : null,
        q.DisplayIf);

    public static SettingsView Settings(SurveySettings s) => new(
        s.StopCriteria.ToWire(),
        s.StopCriteria switch
        {
            StopCriteria.Date => s.StopDate,
            StopCriteria.Responses => s.StopResponses,
            _ => null,
        },
        s.RewardAmount,
        s.RewardName,
        s.CompleteJson,
        s.CompleteHtml,
        s.StartTrigger.ToWire(),
        s.StartAt,
        s.IsAnonymous,
        s.RedirectUrl,
        s.RedirectType.ToWire(),
        s.UserHashMethod.ToWire(),
        s.RedirectUrlDisqualified,
        s.AllowMultipleResponses);
}
