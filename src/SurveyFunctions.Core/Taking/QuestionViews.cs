using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// A question as a respondent is shown it, in the QuestionPro survey-taking API's field names: the Take family's pages and
/// the panelist page show the same question the same way (<see cref="QuestionRenderer"/> builds it).
/// </summary>
public static class QuestionViews
{
    public sealed record Question(
        [property: JsonPropertyName("html")] string? Html,
        [property: JsonPropertyName("json")] QuestionJson Json);

    /// <summary>
    /// The QuestionPro documentation's question section: <c>id</c> (the <c>questionID</c> to answer with), <c>type</c>, <c>text</c>, <c>answers</c>
    /// (each <c>id</c> an <c>answerIDs</c> value) and <c>formParam</c>; plus <c>required</c>, and <c>scale</c> for rating and NPS.
    /// </summary>
    public sealed record QuestionJson(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("answers")] IReadOnlyList<AnswerOption> Answers,
        [property: JsonPropertyName("formParam")] FormParam FormParam,
        [property: JsonPropertyName("required")] bool Required,
        [property: JsonPropertyName("scale"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Scale? Scale = null);

    /// <summary>An answer option; on the language choice the id is the language code.</summary>
    public sealed record AnswerOption(
        [property: JsonPropertyName("id")] object Id,
        [property: JsonPropertyName("text")] string Text);

    public sealed record FormParam(
        [property: JsonPropertyName("paramPrefix")] string ParamPrefix,
        [property: JsonPropertyName("paramIdType")] string ParamIdType);

    public sealed record Scale(
        [property: JsonPropertyName("min")] int Min,
        [property: JsonPropertyName("max")] int Max,
        [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels);

    /// <summary>One refused answer: the question (null for the language choice), a code from <c>AnswerErrorCodes</c>, and why.</summary>
    public sealed record ValidationError(
        [property: JsonPropertyName("questionID")] long? QuestionId,
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("message")] string Message);
}
