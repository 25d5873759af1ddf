using System.Net;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>Starting an export job and waiting for it, over HTTP.</summary>
public static class ExportJobApi
{
    /// <summary>Starts an export of the survey; returns the 202's body (its <c>id</c>, <c>as_of</c>, …).</summary>
    public static async Task<JsonNode> StartExportAsync(this HttpClient http, string surveyUuid, string apiKey, JsonObject? body = null)
    {
        var reply = await http.PostReplyAsync($"/api/surveys/{surveyUuid}/exports", body ?? new JsonObject(), apiKey);
        Assert.True(reply.Status == HttpStatusCode.Accepted, $"start export: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return reply.Json;
    }

    /// <summary>Polls <c>GET /api/exports/{id}</c> until the job has succeeded (bounded); returns its last status.</summary>
    public static async Task<JsonNode> WaitForExportAsync(this HttpClient http, string exportId, string apiKey, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var reply = await http.GetReplyAsync($"/api/exports/{exportId}", apiKey);
            Assert.True(reply.Status == HttpStatusCode.OK, $"export status: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            var status = reply.Json["status"]!.GetValue<string>();
            Assert.NotEqual("failed", status);
            if (status == "succeeded")
                return reply.Json;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"export {exportId} still {status}: {reply.Json.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public static string ExportId(this JsonNode export) => export["id"]!.GetValue<string>();

    /// <summary>The survey's questions (from its JSON) as the seeder answers them: choice questions by option, the others with text.</summary>
    public static IReadOnlyList<SeedQuestion> SeedQuestions(this JsonNode survey) =>
        [.. survey["questions"]!.AsArray().Select(q => new SeedQuestion(q!["id"]!.GetValue<long>(), q["identifier"]!.GetValue<string>(),
            [.. q["json"]!["options"]!.AsArray().Select(o => o!["id"]!.GetValue<long>())]))];
}
