using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The stored form of a survey's languages, settings and pages: its own small records, so renaming a domain or wire field
/// never changes what is in storage. Enums are stored by their wire names; conditions and branches in their wire form
/// (<see cref="ConditionJson"/>, <see cref="PageBranchJson"/>), which is a public contract and so as stable. Version 1: the
/// logic fields were added as optional members, so rows written before them read as surveys without logic.
/// </summary>
internal static class StoredDefinition
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Text as it is, not \u-escaped: a non-Latin survey stays as compact in storage as it was on the wire.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Survey survey) => JsonSerializer.Serialize(
        new Definition(
            1,
            survey.Languages,
            ToStored(survey.Settings),
            survey.Pages.Select(p => new Page(p.Questions.Select(ToStored).ToArray(), p.Identifier,
                p.Branches.Count == 0 ? null : p.Branches)).ToArray(),
            survey.HiddenFields.Count == 0 ? null : survey.HiddenFields),
        Json);

    public static (IReadOnlyList<string> Languages, SurveySettings Settings, IReadOnlyList<SurveyPage> Pages, IReadOnlyList<string> HiddenFields)
        Deserialize(string text)
    {
        var definition = JsonSerializer.Deserialize<Definition>(text, Json) ?? throw new JsonException("Empty survey definition.");
        return (
            definition.Languages,
            FromStored(definition.Settings),
            definition.Pages.Select(p => new SurveyPage(p.Questions.Select(FromStored).ToArray())
            {
                Identifier = p.Identifier,
                Branches = p.Branches ?? [],
            }).ToArray(),
            definition.HiddenFields ?? []);
    }

    private static Question ToStored(SurveyQuestion q) => new(
        q.Id, q.Identifier, q.Type.ToWire(), q.Text, q.Required,
        q.Options.Select(o => new Option(o.Id, o.ClientId, o.Label, o.Disqualify)).ToArray(),
        q.Scale is { } s ? new Scale(s.Min, s.Max, s.Labels.Select(l => new ScaleLabel(l.Key, l.Value)).ToArray()) : null,
        q.DisplayIf);

    private static SurveyQuestion FromStored(Question q) => new()
    {
        Id = q.Id,
        Identifier = q.Identifier,
        Type = QuestionTypes.TryParse(q.Type, out var type) ? type : throw new JsonException($"Unknown stored question type '{q.Type}'."),
        Text = q.Text,
        Required = q.Required,
        Options = q.Options.Select(o => new QuestionOption(o.Id, o.ClientId, o.Label, o.Disqualify)).ToArray(),
        Scale = q.Scale is { } s ? new RatingScale(s.Min, s.Max,
            s.Labels.Select(l => new KeyValuePair<int, LocalizedText>(l.Value, l.Label)).ToArray()) : null,
        DisplayIf = q.DisplayIf,
    };

    private static Settings ToStored(SurveySettings s) => new(
        s.StopCriteria.ToWire(), s.StopDate, s.StopResponses, s.StartTrigger.ToWire(), s.StartAt, s.IsAnonymous,
        s.RedirectUrl, s.RedirectType.ToWire(), s.RedirectUrlDisqualified, s.UserHashMethod.ToWire(),
        s.CompleteHtml, s.CompleteJson, s.RewardAmount, s.RewardName, s.AllowMultipleResponses);

    private static SurveySettings FromStored(Settings s) => new()
    {
        StopCriteria = Parse<StopCriteria>(SurveySettingNames.StopCriteria, s.StopCriteria),
        StopDate = s.StopDate,
        StopResponses = s.StopResponses,
        StartTrigger = Parse<StartTrigger>(SurveySettingNames.StartTriggers, s.StartTrigger),
        StartAt = s.StartAt,
        IsAnonymous = s.IsAnonymous,
        RedirectUrl = s.RedirectUrl,
        RedirectType = Parse<RedirectType>(SurveySettingNames.RedirectTypes, s.RedirectType),
        RedirectUrlDisqualified = s.RedirectUrlDisqualified,
        UserHashMethod = Parse<UserHashMethod>(SurveySettingNames.UserHashMethods, s.UserHashMethod),
        CompleteHtml = s.CompleteHtml,
        CompleteJson = s.CompleteJson,
        RewardAmount = s.RewardAmount,
        RewardName = s.RewardName,
        AllowMultipleResponses = s.AllowMultipleResponses,
    };

    private static T Parse<T>(IReadOnlyList<string> names, string value) where T : struct, Enum =>
        SurveySettingNames.TryParse<T>(names, value, out var parsed) ? parsed : throw new JsonException($"Unknown stored setting '{value}'.");

    private sealed record Definition(int Version, IReadOnlyList<string> Languages, Settings Settings, IReadOnlyList<Page> Pages,
        IReadOnlyList<string>? HiddenFields);

    private sealed record Page(IReadOnlyList<Question> Questions, string? Identifier, IReadOnlyList<PageBranch>? Branches);

    private sealed record Question(long Id, string Identifier, string Type, LocalizedText Text, bool Required, IReadOnlyList<Option> Options,
        Scale? Scale, Condition? DisplayIf);

    private sealed record Option(long Id, string? ClientId, LocalizedText Label, bool Disqualify);

    private sealed record Scale(int Min, int Max, IReadOnlyList<ScaleLabel> Labels);

    private sealed record ScaleLabel(int Value, LocalizedText Label);

    private sealed record Settings(
        string StopCriteria, DateTimeOffset? StopDate, long? StopResponses, string StartTrigger, DateTimeOffset? StartAt, bool IsAnonymous,
        string? RedirectUrl, string RedirectType, string? RedirectUrlDisqualified, string UserHashMethod,
        string? CompleteHtml, JsonElement? CompleteJson, decimal? RewardAmount, string? RewardName, bool AllowMultipleResponses);
}
