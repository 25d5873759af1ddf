using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Test helpers for the Panelists family (the Votito panelist API): the tenant's <c>GET …/panelists/{panelistId}</c> with
/// <c>X-API-Key</c>, and the panelist's side with <c>X-Panelist-Key</c>, as the hosted page calls it.
/// </summary>
public static class PanelistApi
{
    public static Task<Api.Reply> GetPanelistAsync(this HttpClient http, string apiKey, string surveyId, string panelistId) =>
        http.GetReplyAsync($"/tenant/surveys/{surveyId}/panelists/{Uri.EscapeDataString(panelistId)}", apiKey);

    /// <summary>The panelist's public key, from a 200 of <see cref="GetPanelistAsync"/>.</summary>
    public static async Task<string> PublicKeyAsync(this HttpClient http, string apiKey, string surveyId, string panelistId)
    {
        var reply = await http.GetPanelistAsync(apiKey, surveyId, panelistId);
        Assert.True(reply.Status == System.Net.HttpStatusCode.OK, $"get panelist: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return reply.Json["panelist"]!["publicKey"]!.GetValue<string>();
    }

    public static Task<Api.Reply> OpenAsync(this HttpClient http, string? publicKey, object? body = null) =>
        http.SendAsync(HttpMethod.Post, "/app/panelist/api/session", body, configure: WithKey(publicKey));

    public static Task<Api.Reply> SubmitAsync(this HttpClient http, string? publicKey, string? sessionToken,
        params (long QuestionId, object Answer)[] answers) =>
        http.SendAsync(HttpMethod.Post, "/app/panelist/api/submit-page",
            new JsonObject { ["sessionToken"] = sessionToken, ["answers"] = TakeApi.Answers(answers) }, configure: WithKey(publicKey));

    public static Task<Api.Reply> DismissAsync(this HttpClient http, string? publicKey) =>
        http.SendAsync(HttpMethod.Post, "/app/panelist/api/dismiss", configure: WithKey(publicKey));

    public static string Status(this Api.Reply reply) => reply.Json["status"]!.GetValue<string>();

    public static string? SessionToken(this Api.Reply reply) => reply.Json["sessionToken"]?.GetValue<string>();

    /// <summary>The <c>json.id</c> of the shown question with this text.</summary>
    public static long QuestionId(this Api.Reply reply, string text) =>
        reply.Json["questions"]!.AsArray().Select(q => q!["json"]!).Single(q => q["text"]!.GetValue<string>() == text)["id"]!.GetValue<long>();

    public static long OptionId(this Api.Reply reply, string questionText, string optionText) =>
        reply.Json["questions"]!.AsArray().Select(q => q!["json"]!).Single(q => q["text"]!.GetValue<string>() == questionText)["answers"]!.AsArray()
            .Single(a => a!["text"]!.GetValue<string>() == optionText)!["id"]!.GetValue<long>();

    private static Action<HttpRequestMessage> WithKey(string? publicKey) => r =>
    {
        if (publicKey is not null)
            r.Headers.TryAddWithoutValidation("X-Panelist-Key", publicKey);
    };
}
