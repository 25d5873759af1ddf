using System.Text.Json.Serialization;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The QuestionPro survey-taking API's response envelope, field for field: <c>{"response":{status, redirectUrl, meta, navigation, themeConfig,
/// questions, validationErrors}, "requestID"}</c>. Fields a status does not use are left out, as its documentation's examples show
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
        [property: JsonPropertyName("questions"),
            JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QuestionViews.Question>? Questions = null,
        [property: JsonPropertyName("validationErrors"),
            JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<QuestionViews.ValidationError>? ValidationErrors = null);

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
}
