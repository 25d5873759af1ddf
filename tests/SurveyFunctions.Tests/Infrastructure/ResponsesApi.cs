using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Test helpers for the Responses family (Zendesk's Help Center survey responses API): calls with Zendesk's Basic
/// <c>{email}/token:{key}</c>, a CSAT-like survey, and the ids a response body needs.
/// </summary>
public static class ResponsesApi
{
    public const string Root = "/api/v2/guide/survey_responses";

    /// <summary>Zendesk's documented auth form: <c>Authorization: Basic base64("{email}/token:{key}")</c>.</summary>
    public static Action<HttpRequestMessage> Basic(string apiKey) =>
        r => r.Headers.Add("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("agent@example.com/token:" + apiKey)));

    public static Task<Api.Reply> CreateResponseReplyAsync(this HttpClient http, string apiKey, string surveyId, long responderId,
        string[]? zrns = null, string? locale = null)
    {
        var inner = new JsonObject { ["survey_id"] = surveyId, ["responder_id"] = responderId };
        if (zrns is not null)
            inner["subject_zrns"] = new JsonArray(zrns.Select(z => (JsonNode)z).ToArray());
        if (locale is not null)
            inner["locale"] = locale;
        return http.SendAsync(HttpMethod.Post, Root, new JsonObject { ["survey_response"] = inner }, configure: Basic(apiKey));
    }

    /// <summary>Creates a response and returns its id and access token (from its page link).</summary>
    public static async Task<(string Id, string AccessToken, JsonNode Body)> CreateResponseAsync(this HttpClient http, string apiKey, string surveyId,
        long responderId, string[]? zrns = null, string? locale = null)
    {
        var reply = await http.CreateResponseReplyAsync(apiKey, surveyId, responderId, zrns, locale);
        Assert.True(reply.Status == HttpStatusCode.OK, $"create response: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        var response = reply.Json["survey_response"]!;
        return (response["id"]!.GetValue<string>(), AccessTokenOf(response["links"]!["url_path"]!.GetValue<string>()), reply.Json);
    }

    public static string AccessTokenOf(string urlPath)
    {
        var query = urlPath[(urlPath.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&');
        return Uri.UnescapeDataString(query.Single(p => p.StartsWith("access_token=", StringComparison.Ordinal))["access_token=".Length..]);
    }

    /// <summary>Submits answers with the API key (Basic), or with <paramref name="accessToken"/> in the query when given instead.</summary>
    public static Task<Api.Reply> SubmitResponseAsync(this HttpClient http, string id, JsonArray answers, string? apiKey = null,
        string? accessToken = null, string? locale = null)
    {
        var inner = new JsonObject { ["answers"] = answers.DeepClone() };
        if (locale is not null)
            inner["locale"] = locale;
        var path = $"{Root}/{id}" + (accessToken is null ? "" : "?access_token=" + Uri.EscapeDataString(accessToken));
        return http.SendAsync(HttpMethod.Post, path, new JsonObject { ["survey_response"] = inner },
            configure: apiKey is null ? null : Basic(apiKey));
    }

    public static Task<Api.Reply> ShowResponseAsync(this HttpClient http, string locale, string id, string? apiKey = null,
        string? accessToken = null) =>
        http.SendAsync(HttpMethod.Get, $"/api/v2/guide/{locale}/survey_responses/{id}"
            + (accessToken is null ? "" : "?access_token=" + Uri.EscapeDataString(accessToken)),
            configure: apiKey is null ? null : Basic(apiKey));

    public static Task<Api.Reply> ListResponsesAsync(this HttpClient http, string apiKey, string query = "") =>
        http.SendAsync(HttpMethod.Get, Root + query, configure: Basic(apiKey));

    public static JsonObject Rating(long questionId,
        int rating) => new() { ["question_id"] = questionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = "rating_scale",
            ["rating"] = rating };

    public static JsonObject Choice(long questionId, params long[] options) => new()
    {
        ["question_id"] = questionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["type"] = "closed_ended",
        ["selections"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject { ["type"] = "pre_defined",
            ["value"] = o.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray()),
    };

    public static JsonObject Text(long questionId,
        string value) => new() { ["question_id"] = questionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = "open_ended",
            ["value"] = value };

    public static JsonObject Skip(long questionId)
        => new() { ["question_id"] = questionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = "skipped" };

    public static JsonArray Answers(params JsonObject[] answers) => new(answers.Select(a => (JsonNode)a).ToArray());

    /// <summary>
    /// A customer satisfaction survey as in Zendesk's documentation example: page 1 a required rating 1–5 ("Very unsatisfied" … "Very satisfied")
    /// and an optional reason (single choice); page 2 an optional comment and an optional extra comment.
    /// </summary>
    public static JsonObject CsatSurvey(JsonObject? settings = null) => new()
    {
        ["name"] = "CSAT",
        ["settings"] = settings ?? new JsonObject(),
        ["pages"] = new JsonArray(
            TakeApi.Page(
                new JsonObject
                {
                    ["identifier"] = "csatRating",
                    ["type"] = "rating",
                    ["question"] = "How would you rate your experience?",
                    ["required"] = true,
                    ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5,
                        ["labels"] = new JsonObject { ["1"] = "Very unsatisfied", ["5"] = "Very satisfied" } },
                },
                TakeApi.Question("reason", "single_choice", "Select a reason for your experience", false,
                    TakeApi.Options(("The issue took too long to resolve", false), ("Friendly agent", false)))),
            TakeApi.Page(
                TakeApi.Question("comment", "text", "Share your thoughts on the support you received", false, null),
                TakeApi.Question("additional", "text", "Anything else?", false, null))),
    };

    /// <summary>The ids of a created survey: each question's id by identifier, and each option's id by label.</summary>
    public sealed record SurveyIds(string Uuid, IReadOnlyDictionary<string, long> Questions, IReadOnlyDictionary<string, long> Options);

    public static SurveyIds IdsOf(JsonNode survey)
    {
        var questions = survey["json"]!["pages"]!.AsArray().SelectMany(p => p!["questions"]!.AsArray()).ToArray();
        return new SurveyIds(
            survey["uuid"]!.GetValue<string>(),
            questions.ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!["id"]!.GetValue<long>()),
            questions.SelectMany(q => q!["options"]!.AsArray()).ToDictionary(o => o!["label"]!.ToJsonString().Trim('"'),
                o => o!["id"]!.GetValue<long>()));
    }
}
