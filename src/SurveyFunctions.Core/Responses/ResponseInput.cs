using System.Text.Json;
using System.Text.RegularExpressions;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Responses;

/// <summary>What creating a response asks for: the survey (uuid or integer id), the responder, the subjects and the locale.</summary>
/// <param name="HiddenFields">The raw <c>hidden_fields</c> object: checked against the survey once it is found.</param>
public sealed record ResponseOffer(string SurveyId, long ResponderId, IReadOnlyList<string> SubjectZrns, string? Locale, JsonElement? HiddenFields);

/// <summary>One submitted answer: its question, Zendesk's answer <c>type</c>, and the answer in the taking flow's shape.</summary>
public sealed record SubmittedAnswer(long QuestionId, string Type, PageAnswer Answer);

/// <summary>What a submission carries: the answers and optionally the locale.</summary>
public sealed record ResponseSubmission(IReadOnlyList<SubmittedAnswer> Answers, string? Locale);

/// <summary>
/// Reads the Responses family's bodies (<c>{"survey_response": {…}}</c>) into values, refusing anything misspelt or
/// mistyped with a 400 naming the field.
/// </summary>
public static partial class ResponseInput
{
    public const int MaxSubjects = 20;
    public const int MaxZrnLength = 200;
    public const int MaxAnswers = 200;

    /// <summary>The largest integer a JSON client reads exactly (2^53 − 1): responder ids are numbers on the wire.</summary>
    public const long MaxResponderId = 9_007_199_254_740_991;

    public const string RatingScale = "rating_scale";
    public const string ClosedEnded = "closed_ended";
    public const string OpenEnded = "open_ended";
    public const string Skipped = "skipped";

    private static readonly string[] AnswerTypes = [RatingScale, ClosedEnded, OpenEnded, Skipped];

    /// <summary>The fields each body accepts; anything else is refused naming it (the OpenAPI test reads these too).</summary>
    internal static readonly string[] EnvelopeFields = ["survey_response"];
    internal static readonly string[] OfferFields = ["survey_id", "responder_id", "subject_zrns", "locale", "hidden_fields"];
    internal static readonly string[] SubmissionFields = ["answers", "locale"];

    /// <summary>Every field an answer may carry; each answer type takes <c>question_id</c>, <c>type</c> and at most one value field.</summary>
    internal static readonly string[] AnswerFields = ["question_id", "type", "rating", "selections", "value"];

    public static Outcome<ResponseOffer> ParseOffer(JsonElement body)
    {
        var inner = Envelope(body);
        if (!inner.IsSuccess)
            return inner.Error;
        var f = new JsonFields(inner.Value);
        f.RejectUnknown(OfferFields);
        var surveyId = f.Text("survey_id", required: true, maxLength: 64);
        var responderId = f.Number("responder_id", 1, MaxResponderId, required: true);
        var zrnsJson = f.List("subject_zrns");
        var locale = f.Text("locale", maxLength: 35);
        var hidden = f.Map("hidden_fields");
        if (f.Error is not null)
            return f.Error;
        if (locale is not null && !IsLocale(locale))
            return ApiError.BadRequest("'locale' must be a locale such as en-us or de.", "locale");
        var zrns = new List<string>();
        if (zrnsJson is { } list)
        {
            if (list.GetArrayLength() > MaxSubjects)
                return ApiError.BadRequest($"'subject_zrns' takes at most {MaxSubjects} subjects.", "subject_zrns");
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !IsZrn(item.GetString()))
                    return ApiError.BadRequest("Each of 'subject_zrns' must be a Zendesk resource name such as zen:ticket:99.", "subject_zrns");
                if (!zrns.Contains(item.GetString()!, StringComparer.Ordinal))
                    zrns.Add(item.GetString()!);
            }
        }
        return new ResponseOffer(surveyId!, responderId!.Value, zrns, locale, hidden);
    }

    public static Outcome<ResponseSubmission> ParseSubmission(JsonElement body)
    {
        var inner = Envelope(body);
        if (!inner.IsSuccess)
            return inner.Error;
        var f = new JsonFields(inner.Value);
        f.RejectUnknown(SubmissionFields);
        var answersJson = f.List("answers", required: true);
        var locale = f.Text("locale", maxLength: 35);
        if (f.Error is not null)
            return f.Error;
        if (locale is not null && !IsLocale(locale))
            return ApiError.BadRequest("'locale' must be a locale such as en-us or de.", "locale");
        if (answersJson!.Value.GetArrayLength() > MaxAnswers)
            return ApiError.BadRequest($"'answers' takes at most {MaxAnswers} answers.", "answers");
        var answers = new List<SubmittedAnswer>();
        var index = 0;
        foreach (var item in answersJson.Value.EnumerateArray())
        {
            var answer = ParseAnswer(item, $"answers[{index++}]");
            if (!answer.IsSuccess)
                return answer.Error;
            answers.Add(answer.Value);
        }
        return new ResponseSubmission(answers, locale);
    }

    /// <summary>A zrn as Zendesk's documentation shows them: <c>zen:{type}:{id}</c> (<c>zen:ticket:99</c>,
    /// <c>zen:conversation:4295a81b-…</c>).</summary>
    public static bool IsZrn(string? text) => text is { Length: <= MaxZrnLength } && ZrnPattern().IsMatch(text);

    /// <summary>A BCP 47-like tag: <c>en</c>, <c>en-us</c>, <c>pt-BR</c>, <c>zh-hant-tw</c>.</summary>
    public static bool IsLocale(string? text) => text is { Length: <= 35 } && LocalePattern().IsMatch(text);

    private static Outcome<JsonElement> Envelope(JsonElement body)
    {
        var f = new JsonFields(body);
        f.RejectUnknown(EnvelopeFields);
        var inner = f.Map("survey_response", required: true);
        return f.Error is null ? inner!.Value : f.Error;
    }

    private static Outcome<SubmittedAnswer> ParseAnswer(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be an object.", path);
        var f = new JsonFields(item);
        var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null || !AnswerTypes.Contains(type, StringComparer.Ordinal))
            return ApiError.BadRequest($"'{path}.type' must be one of {string.Join(", ", AnswerTypes)}.", path + ".type");
        var valueField = type switch { RatingScale => "rating", ClosedEnded => "selections", OpenEnded => "value", _ => null };
        f.RejectUnknown(valueField is null ? ["question_id", "type"] : ["question_id", "type", valueField]);
        var questionText = f.Text("question_id", required: true, maxLength: 64);
        if (f.Error is not null)
            return Prefixed(f.Error, path);
        if (WireIds.Parse(questionText) is not { } questionId)
            return ApiError.BadRequest($"'{path}.question_id' is not a question id of this survey.", path + ".question_id");

        switch (type)
        {
            case RatingScale:
                var rating = f.Number("rating", long.MinValue, long.MaxValue, required: true);
                return f.Error is null ? new SubmittedAnswer(questionId, type, new PageAnswer(questionId, Value: rating!.Value)) : Prefixed(f.Error,
                    path);
            case OpenEnded:
                var text = f.Text("value", required: true, maxLength: PageValidator.MaxTextLength);
                return f.Error is null ? new SubmittedAnswer(questionId, type, new PageAnswer(questionId, Text: text)) : Prefixed(f.Error, path);
            case ClosedEnded:
                var selections = f.List("selections", required: true);
                if (f.Error is not null)
                    return Prefixed(f.Error, path);
                var options = new List<long>();
                var i = 0;
                foreach (var selection in selections!.Value.EnumerateArray())
                {
                    var option = ParseSelection(selection, $"{path}.selections[{i++}]");
                    if (!option.IsSuccess)
                        return option.Error;
                    options.Add(option.Value);
                }
                return new SubmittedAnswer(questionId, type, new PageAnswer(questionId, OptionIds: options));
            default:
                return new SubmittedAnswer(questionId, type, new PageAnswer(questionId));
        }
    }

    /// <summary>
    /// <c>{"type": "pre_defined", "value": "…"}</c> as the documentation's request example writes it, or <c>{"type": "predefined",
    /// "option_id": "…"}</c> as its responses do: a client echoing a response back is understood too.
    /// </summary>
    private static Outcome<long> ParseSelection(JsonElement selection, string path)
    {
        if (selection.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be an object.", path);
        var f = new JsonFields(selection);
        f.RejectUnknown(["type", "value", "option_id"]);
        var type = f.Text("type", required: true, maxLength: 20);
        if (f.Error is not null)
            return Prefixed(f.Error, path);
        if (type is not ("pre_defined" or "predefined"))
            return ApiError.BadRequest($"'{path}.type' must be pre_defined.", path + ".type");
        if (f.Has("value") == f.Has("option_id"))
            return ApiError.BadRequest($"'{path}' names its option in 'value' (or 'option_id'), once.", path);
        var name = f.Has("value") ? "value" : "option_id";
        var id = f.Text(name, required: true, maxLength: 64);
        if (f.Error is not null)
            return Prefixed(f.Error, path);
        return WireIds.Parse(id) is { } optionId
            ? optionId
            : ApiError.BadRequest($"'{path}.{name}' is not an option id of this question.", $"{path}.{name}");
    }

    private static ApiError Prefixed(ApiError error, string path) =>
        error with { Message = error.Message.Replace($"'{error.Field}'", $"'{path}.{error.Field}'", StringComparison.Ordinal),
            Field = $"{path}.{error.Field}" };

    [GeneratedRegex("^zen:[a-z][a-z_]{0,39}:[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex ZrnPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex LocalePattern();
}
