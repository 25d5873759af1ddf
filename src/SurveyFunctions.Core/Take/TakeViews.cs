using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The Take seed's response envelope, field for field: <c>{"response":{status, redirectUrl, meta, navigation, themeConfig,
/// questions, validationErrors}, "requestID"}</c>. Fields a status does not use are left out, as the seed's examples show
/// them (<c>{"response":{"status":"quota_full"},"requestID":…}</c>); <c>previousPageUrl</c> is written as null on the first page.
/// </summary>
internal static class TakeViews
{
    public sealed record Reply(TakeResponse Response, [property: JsonPropertyName("requestID")] string RequestId);

    public sealed record TakeResponse(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("redirectUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RedirectUrl = null,
        [property: JsonPropertyName("meta"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Meta? Meta = null,
        [property: JsonPropertyName("navigation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Navigation? Navigation = null,
        [property: JsonPropertyName("themeConfig"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ThemeConfig? ThemeConfig = null,
        [property: JsonPropertyName("questions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Question>? Questions = null,
        [property: JsonPropertyName("validationErrors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ValidationError>? ValidationErrors = null);

    public sealed record Meta(
        [property: JsonPropertyName("isFinalPage")] bool IsFinalPage,
        [property: JsonPropertyName("progressPercentage")] int ProgressPercentage);

    public sealed record Navigation(
        [property: JsonPropertyName("previousPageUrl")] string? PreviousPageUrl,
        [property: JsonPropertyName("nextPageSubmitUrl")] string NextPageSubmitUrl);

    /// <summary>Surveys here have no theme of their own: both lists are empty.</summary>
    public sealed record ThemeConfig(
        [property: JsonPropertyName("cssUrls")] IReadOnlyList<string> CssUrls,
        [property: JsonPropertyName("jsUrls")] IReadOnlyList<string> JsUrls)
    {
        public static ThemeConfig None { get; } = new([], []);
    }

    public sealed record Question(
        [property: JsonPropertyName("html")] string? Html,
        [property: JsonPropertyName("json")] QuestionJson Json);

    /// <summary>
    /// The seed's question section: <c>id</c> (the <c>questionID</c> to answer with), <c>type</c>, <c>text</c>, <c>answers</c>
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
