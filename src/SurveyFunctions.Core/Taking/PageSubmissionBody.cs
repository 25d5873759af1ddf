using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The body of <c>POST …/submit-page</c>: <c>{"answers": [...], "language": "es"}</c>, one answer per question:
/// <c>{"questionID", "answerIDs": [...]}</c> for choice types, <c>{"questionID", "value": n}</c> for rating and NPS,
/// <c>{"questionID", "text": "…"}</c> for text. JSON of the wrong shape is a 400 naming the field (<c>answers[2].value</c>);
/// answers that do not fit their question (unknown option, out of range, required left empty…) are the page's
/// <c>validation_errors</c>, decided by <see cref="PageValidator"/>.
/// </summary>
public static class PageSubmissionBody
{
    /// <summary>More answers than any page holds questions (100) is not a submission.</summary>
    public const int MaxAnswers = 200;

    public const int MaxOptionsPerAnswer = 100;

    /// <summary>
    /// What a submission and each of its answers may carry. Anything else is refused naming it: the QuestionPro survey-taking
    /// API's examples send nothing more, and a misspelt <c>answerIds</c> must not pass as an unanswered question.
    /// </summary>
    internal static readonly string[] SubmissionFields = ["answers", "language"];

    internal static readonly string[] AnswerFields = ["questionID", "answerIDs", "value", "text"];

    /// <param name="body">The request body.</param>
    /// <param name="ownFields">Top-level fields the caller's flow reads itself (the panelist API's <c>sessionToken</c>).</param>
    public static Outcome<PageSubmission> Parse(JsonElement body, params string[] ownFields)
    {
        if (Unknown(body, "", [.. SubmissionFields, .. ownFields]) is { } unknownField)
            return unknownField;
        string? language = null;
        if (body.TryGetProperty("language", out var languageJson) && languageJson.ValueKind != JsonValueKind.Null)
        {
            if (languageJson.ValueKind != JsonValueKind.String || !SurveyLanguages.IsLanguageCode(languageJson.GetString()!))
                return ApiError.BadRequest("'language' must be a language code such as 'en' or 'es-MX'.", "language");
            language = languageJson.GetString();
        }

        if (!body.TryGetProperty("answers", out var answersJson) || answersJson.ValueKind == JsonValueKind.Null)
        {
            return language is null
                ? ApiError.BadRequest("'answers' is required: an array of {\"questionID\", \"answerIDs\" | \"value\" | \"text\"}.", "answers")
                : new PageSubmission([], language);
        }
        if (answersJson.ValueKind != JsonValueKind.Array)
            return ApiError.BadRequest("'answers' must be an array.", "answers");
        if (answersJson.GetArrayLength() > MaxAnswers)
            return ApiError.BadRequest($"'answers' holds at most {MaxAnswers} answers.", "answers");

        var answers = new List<PageAnswer>();
        var index = 0;
        foreach (var item in answersJson.EnumerateArray())
        {
            var answer = ParseAnswer(item, $"answers[{index.ToString(CultureInfo.InvariantCulture)}]");
            if (!answer.IsSuccess)
                return answer.Error;
            answers.Add(answer.Value);
            index++;
        }
        return new PageSubmission(answers, language);
    }

    private static Outcome<PageAnswer> ParseAnswer(JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be an object with a questionID.", path);
        if (Unknown(item, path + ".", AnswerFields) is { } unknownField)
            return unknownField;

        var questionField = $"{path}.questionID";
        if (!item.TryGetProperty("questionID", out var questionJson) || questionJson.ValueKind == JsonValueKind.Null)
            return ApiError.BadRequest($"'{questionField}' is required.", questionField);
        if (!IsWholeNumber(questionJson, out var questionId) || questionId < 1)
            return ApiError.BadRequest($"'{questionField}' must be a question id (a positive whole number).", questionField);

        IReadOnlyList<long>? optionIds = null;
        if (Present(item, "answerIDs", out var idsJson))
        {
            var idsField = $"{path}.answerIDs";
            if (idsJson.ValueKind != JsonValueKind.Array)
                return ApiError.BadRequest($"'{idsField}' must be an array of answer ids.", idsField);
            if (idsJson.GetArrayLength() > MaxOptionsPerAnswer)
                return ApiError.BadRequest($"'{idsField}' holds at most {MaxOptionsPerAnswer} answer ids.", idsField);
            var ids = new List<long>();
            foreach (var id in idsJson.EnumerateArray())
            {
                if (!IsWholeNumber(id, out var optionId) || optionId < 1)
                    return ApiError.BadRequest($"'{idsField}' must hold answer ids (positive whole numbers).", idsField);
                ids.Add(optionId);
            }
            optionIds = ids;
        }

        decimal? value = null;
        if (Present(item, "value", out var valueJson))
        {
            var valueField = $"{path}.value";
            if (valueJson.ValueKind != JsonValueKind.Number || !valueJson.TryGetDecimal(out var number))
                return ApiError.BadRequest($"'{valueField}' must be a number.", valueField);
            value = number;
        }

        string? text = null;
        if (Present(item, "text", out var textJson))
        {
            if (textJson.ValueKind != JsonValueKind.String)
                return ApiError.BadRequest($"'{path}.text' must be a string.", $"{path}.text");
            text = textJson.GetString();
        }
        return new PageAnswer(questionId, optionIds, value, text);
    }

    /// <summary>The first field of <paramref name="item"/> not in <paramref name="accepted"/>, as the error naming its full path.</summary>
    private static ApiError? Unknown(JsonElement item, string prefix, string[] accepted)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (accepted.Contains(property.Name, StringComparer.Ordinal))
                continue;
            var name = property.Name.Length > 100 ? property.Name[..100] + "…" : property.Name;
            return ApiError.BadRequest($"Unknown field '{prefix}{name}'. Accepted fields: {string.Join(", ", accepted)}.", prefix + name);
        }
        return null;
    }

    private static bool Present(JsonElement item, string name, out JsonElement value) =>
        item.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static bool IsWholeNumber(JsonElement json, out long value)
    {
        value = 0;
        return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out value);
    }
}
