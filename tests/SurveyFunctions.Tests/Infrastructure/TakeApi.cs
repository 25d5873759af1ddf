using System.Net;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Test helpers for the Take family (the QuestionPro survey-taking API): calls with QuestionPro's <c>api-key</c> header and
/// <c>x-survey-token</c>, and surveys created and started through the management API.
/// </summary>
public static class TakeApi
{
    /// <summary>A Take answer: the envelope, the refreshed token (null when none was sent back) and the HTTP status.</summary>
    public sealed record TakeReply(HttpStatusCode Status, JsonNode Json, string? Token)
    {
        public string ResponseStatus => Json["response"]!["status"]!.GetValue<string>();

        public JsonObject Response => Json["response"]!.AsObject();

        public JsonArray Questions => Json["response"]!["questions"]!.AsArray();

        public JsonArray ValidationErrors => Json["response"]!["validationErrors"]!.AsArray();

        /// <summary>The <c>json.text</c> of each question shown, in order.</summary>
        public string[] QuestionTexts => Questions.Select(q => q!["json"]!["text"]!.GetValue<string>()).ToArray();

        /// <summary>The <c>json.id</c> of each question shown.</summary>
        public long[] QuestionIds => Questions.Select(q => q!["json"]!["id"]!.GetValue<long>()).ToArray();

        /// <summary>The <c>answers[].id</c> of the shown question with this text.</summary>
        public long OptionId(string questionText, string optionText) =>
            Questions.Select(q => q!["json"]!).Single(q => q["text"]!.GetValue<string>() == questionText)["answers"]!.AsArray()
                .Single(a => a!["text"]!.GetValue<string>() == optionText)!["id"]!.GetValue<long>();

        public long QuestionId(string questionText) =>
            Questions.Select(q => q!["json"]!).Single(q => q["text"]!.GetValue<string>() == questionText)["id"]!.GetValue<long>();
    }

    public static async Task<TakeReply> TakeAsync(this HttpClient http, string apiKey, string surveyId, string? token = null, string query = "",
        Action<HttpRequestMessage>? configure = null)
    {
        var reply = await http.SendAsync(HttpMethod.Get, $"/a/api/v2/surveys/{surveyId}/take{query}", configure: r =>
        {
            r.Headers.Add("api-key", apiKey);
            r.Headers.Add("Accept", "application/json");
            if (token is not null)
                r.Headers.Add("x-survey-token", token);
            configure?.Invoke(r);
        });
        return ToTakeReply(reply);
    }

    public static async Task<TakeReply> SubmitAsync(this HttpClient http, string apiKey, string surveyId, string? token, object body)
    {
        var reply = await http.SendAsync(HttpMethod.Post, $"/a/api/v2/surveys/{surveyId}/submit-page", body, configure: r =>
        {
            r.Headers.Add("api-key", apiKey);
            if (token is not null)
                r.Headers.Add("x-survey-token", token);
        });
        return ToTakeReply(reply);
    }

    /// <summary>Submits answers given as (questionID, answer) pairs, where the answer is long[] (answerIDs), a number
    /// (value) or a string (text).</summary>
    public static Task<TakeReply> SubmitAnswersAsync(this HttpClient http, string apiKey, string surveyId, string? token,
        params (long QuestionId, object Answer)[] answers) =>
        http.SubmitAsync(apiKey, surveyId, token, new JsonObject { ["answers"] = Answers(answers) });

    public static JsonArray Answers(params (long QuestionId, object Answer)[] answers) =>
        new(answers.Select(a => (JsonNode)(a.Answer switch
        {
            long[] ids => new JsonObject { ["questionID"] = a.QuestionId, ["answerIDs"] = new JsonArray(ids.Select(i => (JsonNode)i).ToArray()) },
            string text => new JsonObject { ["questionID"] = a.QuestionId, ["text"] = text },
            _ => new JsonObject { ["questionID"] = a.QuestionId,
                ["value"] = JsonValue.Create(Convert.ToDecimal(a.Answer, System.Globalization.CultureInfo.InvariantCulture)) },
        })).ToArray());

    /// <summary>
    /// Takes a <see cref="ThreePageSurvey"/> to the end with the same answers every time (Yes, 4; Export and Reports; Weekly; 9
    /// and <paramref name="comment"/>), starting with <paramref name="query"/> (a customer id, …); returns the last reply.
    /// </summary>
    public static async Task<TakeReply> CompleteThreePageSurveyAsync(this HttpClient http, string apiKey, string surveyId, string query,
        string comment, Action<HttpRequestMessage>? configure = null)
    {
        var first = await http.TakeAsync(apiKey, surveyId, query: query, configure: configure);
        var second = await http.SubmitAnswersAsync(apiKey, surveyId, first.Token,
            (first.QuestionId("Do you use our product?"), new[] { first.OptionId("Do you use our product?", "Yes") }),
            (first.QuestionId("How satisfied are you?"), 4));
        // Picked in the opposite order to the survey's: the answer lists labels in the survey's order.
        var third = await http.SubmitAnswersAsync(apiKey, surveyId, second.Token,
            (second.QuestionId("Which features do you use?"),
                new[] { second.OptionId("Which features do you use?", "Export"), second.OptionId("Which features do you use?", "Reports") }),
            (second.QuestionId("How often?"), new[] { second.OptionId("How often?", "Weekly") }));
        return await http.SubmitAnswersAsync(apiKey, surveyId, third.Token,
            (third.QuestionId("How likely are you to recommend us?"), 9), (third.QuestionId("Anything else?"), comment));
    }

    /// <summary>Creates a survey from <paramref name="body"/> and starts it; returns the created survey (id, uuid, questions…).</summary>
    public static async Task<JsonNode> CreateStartedSurveyAsync(this HttpClient http, string apiKey, JsonObject body)
    {
        var survey = await http.CreateSurveyAsync(apiKey, body);
        var started = await http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/start", null, apiKey);
        Assert.True(started.Status == HttpStatusCode.OK, $"start survey: {(int)started.Status} {started.Body?.ToJsonString()}");
        return started.Json;
    }

    public static string Id(this JsonNode survey) => survey["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Three pages: (1) single choice "Do you use our product?" Yes / No (disqualifies) + required rating 1–5; (2) multiple
    /// choice "Which features?" (optional) + dropdown "How often?" (required); (3) required NPS + optional text.
    /// </summary>
    public static JsonObject ThreePageSurvey(JsonObject? settings = null, string name = "Three pages") => new()
    {
        ["name"] = name,
        ["settings"] = settings ?? new JsonObject(),
        ["pages"] = new JsonArray(
            Page(
                Question("qUses", "single_choice", "Do you use our product?", true, Options(("Yes", false), ("No", true))),
                Scale("qSatisfaction", "rating", "How satisfied are you?", true, 1, 5)),
            Page(
                Question("qFeatures", "multiple_choice", "Which features do you use?", false,
                    Options(("Reports", false), ("Alerts", false), ("Export", false))),
                Question("qOften", "dropdown", "How often?", true, Options(("Daily", false), ("Weekly", false), ("Monthly", false)))),
            Page(
                Scale("qNps", "nps", "How likely are you to recommend us?", true, null, null),
                Question("qComment", "text", "Anything else?", false, null))),
    };

    public static JsonObject Page(params JsonObject[] questions) => new() { ["questions"] = new JsonArray(questions) };

    public static JsonObject Question(string identifier, string type, string text, bool required, JsonArray? options)
    {
        var question = new JsonObject { ["identifier"] = identifier, ["type"] = type, ["question"] = text, ["required"] = required };
        if (options is not null)
            question["options"] = options;
        return question;
    }

    public static JsonObject Scale(string identifier, string type, string text, bool required, int? min, int? max)
    {
        var question = Question(identifier, type, text, required, null);
        if (min is not null)
            question["scale"] = new JsonObject { ["min"] = min, ["max"] = max };
        return question;
    }

    public static JsonArray Options(params (string Label, bool Disqualify)[] options) =>
        new(options.Select(o => (JsonNode)new JsonObject { ["label"] = o.Label, ["disqualify"] = o.Disqualify }).ToArray());

    private static TakeReply ToTakeReply(Api.Reply reply)
    {
        var token = reply.Headers.TryGetValues("x-survey-token", out var values) ? values.Single() : null;
        return new TakeReply(reply.Status, reply.Json, token);
    }
}

public static class SurveyBodies
{
    /// <summary>The survey body with <c>settings</c> replaced.</summary>
    public static JsonObject WithSettings(this JsonObject body, JsonObject settings)
    {
        body["settings"] = settings;
        return body;
    }
}
