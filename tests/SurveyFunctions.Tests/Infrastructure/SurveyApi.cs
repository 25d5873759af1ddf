using System.Net;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>Test helpers for the survey management API (<c>/api/surveys</c>).</summary>
public static class SurveyApi
{
    /// <summary>A small valid survey: one page, a single-choice question (yes/no, "no" disqualifies) and a required rating.</summary>
    public static JsonObject SmallSurvey(string name = "Customer Satisfaction Survey") => new()
    {
        ["name"] = name,
        ["description"] = "How are we doing?",
        ["pages"] = new JsonArray(
            new JsonObject
            {
                ["questions"] = new JsonArray(
                    new JsonObject
                    {
                        ["identifier"] = "qUsesProduct",
                        ["type"] = "single_choice",
                        ["question"] = "Do you use our product?",
                        ["required"] = true,
                        ["options"] = new JsonArray(
                            new JsonObject { ["id"] = "yes", ["label"] = "Yes" },
                            new JsonObject { ["id"] = "no", ["label"] = "No", ["disqualify"] = true }),
                    },
                    new JsonObject
                    {
                        ["identifier"] = "qSatisfaction",
                        ["type"] = "rating",
                        ["question"] = "How satisfied are you with our service?",
                        ["required"] = true,
                        ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5, ["labels"] = new JsonObject { ["1"] = "Poor", ["5"] = "Great" } },
                    }),
            }),
    };

    /// <summary>Creates a survey (default: <see cref="SmallSurvey"/>) and returns the 201 body.</summary>
    public static async Task<JsonNode> CreateSurveyAsync(this HttpClient http, string apiKey, JsonObject? body = null)
    {
        var reply = await http.PostReplyAsync("/api/surveys", body ?? SmallSurvey(), apiKey);
        Assert.True(reply.Status == HttpStatusCode.Created, $"create survey: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return reply.Json;
    }

    public static string Uuid(this JsonNode survey) => survey["uuid"]!.GetValue<string>();

    /// <summary>Waits until the aggregator has folded every counted session of the survey into its counters (bounded); returns the results.</summary>
    public static async Task<JsonNode> WaitForSurveyAggregationAsync(this HttpClient http, string surveyUuid, string apiKey, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var reply = await http.GetReplyAsync($"/api/surveys/{surveyUuid}/results", apiKey);
            Assert.True(reply.Status == HttpStatusCode.OK, $"survey results: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            var pending = reply.Json["pending_sessions"]!.GetValue<long>();
            if (pending == 0)
                return reply.Json;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending} sessions still pending aggregation.");
            await Task.Delay(200);
        }
    }
}
