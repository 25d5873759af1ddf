using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>The webhook routes as a client uses them.</summary>
public static class WebhookApi
{
    /// <summary>Creates an endpoint; returns its id and its signing secret (shown only in this reply).</summary>
    public static async Task<(string Id, string Secret)> CreateWebhookAsync(this HttpClient http, string apiKey, string url,
        params string[] eventTypes)
    {
        var body = new JsonObject { ["url"] = url };
        if (eventTypes.Length > 0)
            body["event_types"] = new JsonArray([.. eventTypes.Select(t => (JsonNode)t)]);
        var reply = await http.PostReplyAsync("/api/webhooks", body, apiKey);
        Assert.True(reply.Status == HttpStatusCode.Created, $"create webhook: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return (reply.Json["id"]!.GetValue<string>(), reply.Json["secret"]!.GetValue<string>());
    }

    public static async Task<JsonNode> WebhookAsync(this HttpClient http, string apiKey, string id)
    {
        var reply = await http.GetReplyAsync($"/api/webhooks/{id}", apiKey);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json;
    }

    /// <summary>Every attempt in the endpoint's delivery log, newest first, walked page by page.</summary>
    public static async Task<List<JsonNode>> DeliveryLogAsync(this HttpClient http, string apiKey, string id, int limit = 100)
    {
        var attempts = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var reply = await http.GetReplyAsync($"/api/webhooks/{id}/deliveries?limit={limit}"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), apiKey);
            Assert.True(reply.Status == HttpStatusCode.OK, $"deliveries: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            attempts.AddRange(reply.Json["deliveries"]!.AsArray().Select(a => a!));
            cursor = reply.Json["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return attempts;
    }

    /// <summary>Waits (real time, bounded) until the endpoint's delivery log satisfies <paramref name="done"/>; returns it.</summary>
    public static async Task<List<JsonNode>> WaitForLogAsync(this HttpClient http, string apiKey, string id, Func<List<JsonNode>, bool> done,
        int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var log = await http.DeliveryLogAsync(apiKey, id);
            if (done(log))
                return log;
            Assert.True(DateTime.UtcNow < deadline, "The delivery log did not show what was expected in time: " +
                string.Join(", ", log.Select(a => a.ToJsonString())));
            await Task.Delay(200);
        }
    }

    /// <summary>A survey.paused and a survey.started event, by pausing and starting the survey again.</summary>
    public static async Task PauseAndStartAsync(this HttpClient http, string apiKey, string surveyUuid)
    {
        Assert.Equal(HttpStatusCode.OK, (await http.PostReplyAsync($"/api/surveys/{surveyUuid}/pause", null, apiKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.PostReplyAsync($"/api/surveys/{surveyUuid}/start", null, apiKey)).Status);
    }

    public static string Ids(this IEnumerable<ReceivedDelivery> received) => string.Join(",", received.Select(r => r.Id));
}
