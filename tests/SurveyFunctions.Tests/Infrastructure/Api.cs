using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>Small helpers over HttpClient for the tests: JSON in, status + parsed JSON out.</summary>
public static class Api
{
    public sealed record Reply(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)
    {
        public JsonNode Json => Body ?? throw new InvalidOperationException($"Expected a JSON body (status {Status}).");

        public string? ErrorCode => Body?["error"]?["code"]?.GetValue<string>();
    }

    /// <summary>Adds the admin key, for <c>/api/admin/*</c> calls: <c>http.SendAsync(…, configure: Api.AsAdmin)</c>.</summary>
    public static readonly Action<HttpRequestMessage> AsAdmin = r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey);

    public static async Task<Reply> SendAsync(this HttpClient http, HttpMethod method, string path, object? body = null, string? apiKey = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null)
            request.Content = JsonContent.Create(body);
        if (apiKey is not null)
            request.Headers.Add("X-API-Key", apiKey);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode} with a body that is not JSON: {text[..Math.Min(200, text.Length)]}");
            }
        }
        return new Reply(response.StatusCode, json, response.Headers);
    }

    public static Task<Reply> GetReplyAsync(this HttpClient http, string path, string? apiKey = null) => http.SendAsync(HttpMethod.Get, path, null,
        apiKey);
    public static Task<Reply> PostReplyAsync(this HttpClient http, string path, object? body,
        string? apiKey = null) => http.SendAsync(HttpMethod.Post, path, body, apiKey);
    public static Task<Reply> PatchReplyAsync(this HttpClient http, string path, object body,
        string? apiKey = null) => http.SendAsync(HttpMethod.Patch, path, body, apiKey);
    public static Task<Reply> DeleteReplyAsync(this HttpClient http, string path, string? apiKey = null) => http.SendAsync(HttpMethod.Delete, path,
        null, apiKey);

    public static async Task<(string TenantId, string ApiKey, string KeyId)> CreateTenantAsync(this HttpClient http, string plan = "standard")
    {
        var reply = await http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name = "Tenant " + Guid.NewGuid().ToString("N")[..6], plan },
            configure: AsAdmin);
        Assert.Equal(HttpStatusCode.Created, reply.Status);
        return (reply.Json["tenant_id"]!.GetValue<string>(), reply.Json["api_key"]!.GetValue<string>(), reply.Json["key_id"]!.GetValue<string>());
    }

    /// <summary>Creates a poll with the given extra settings and publishes it; returns its id.</summary>
    public static async Task<string> CreatePublishedPollAsync(this HttpClient http, string apiKey, object? settings = null, int options = 3)
    {
        var id = await http.CreateDraftPollAsync(apiKey, settings, options);
        var published = await http.PatchReplyAsync($"/api/polls/{id}", new { published = true }, apiKey);
        Assert.Equal(HttpStatusCode.OK, published.Status);
        return id;
    }

    /// <summary>Creates an unpublished poll (options <c>opt_1</c>…) with the given extra settings; returns its id.</summary>
    public static async Task<string> CreateDraftPollAsync(this HttpClient http, string apiKey, object? settings = null, int options = 3)
    {
        var body = new JsonObject
        {
            ["title"] = "Which feature next?",
            ["options"] = new JsonArray(Enumerable.Range(1,
                options).Select(i => (JsonNode)new JsonObject { ["id"] = $"opt_{i}", ["label"] = $"Option {i}" }).ToArray()),
        };
        if (settings is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(settings)!.AsObject())
                body[key] = value?.DeepClone();
        }
        var created = await http.PostReplyAsync("/api/polls", body, apiKey);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Json["id"]!.GetValue<string>();
    }

    public static async Task<string> EmbedTokenAsync(this HttpClient http, string pollId)
    {
        var reply = await http.GetReplyAsync($"/api/polls/{pollId}/token");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return reply.Json["token"]!.GetValue<string>();
    }

    public static Task<Reply> VoteAsync(this HttpClient http, string pollId, string token, string fingerprint, params string[] optionIds) =>
        http.PostReplyAsync($"/api/polls/{pollId}/vote",
            new { option_ids = optionIds, _token = token, fingerprint, clientMetadata = new { language = "en-US" } });

    /// <summary>Owner results: total, per-option counts and how many votes are not yet aggregated.</summary>
    public static async Task<(long Total, Dictionary<string, long> Counts, long Pending)> OwnerResultsAsync(this HttpClient http, string pollId,
        string apiKey)
    {
        var reply = await RetryWhileUnavailableAsync(() => http.GetReplyAsync($"/api/polls/{pollId}/results", apiKey));
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var counts = reply.Json["results"]!.AsArray().ToDictionary(r => r!["option_id"]!.GetValue<string>(), r => r!["count"]!.GetValue<long>());
        return (reply.Json["total_votes"]!.GetValue<long>(), counts, reply.Json["pending_votes"]!.GetValue<long>());
    }

    /// <summary>Every stored vote of a (non-anonymous) poll, through the owner's paged votes list: voter → option ids.</summary>
    public static async Task<Dictionary<string, string>> ListVotesAsync(this HttpClient http, string pollId, string apiKey)
    {
        var votes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var reply = await RetryWhileUnavailableAsync(()
                => http.GetReplyAsync($"/api/polls/{pollId}/votes?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)),
                    apiKey));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            foreach (var vote in reply.Json["votes"]!.AsArray())
            {
                var voter = vote!["voter"]!.GetValue<string>();
                Assert.True(votes.TryAdd(voter, string.Join(',', vote["option_ids"]!.AsArray().Select(o => o!.GetValue<string>()))),
                    $"voter {voter} listed twice");
            }
            cursor = reply.Json["pagination"]!["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);
        return votes;
    }

    /// <summary>Waits until the aggregator has folded every accepted vote into the counters (bounded).</summary>
    public static async Task<(long Total, Dictionary<string, long> Counts)> WaitForAggregationAsync(this HttpClient http, string pollId,
        string apiKey, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var (total, counts, pending) = await http.OwnerResultsAsync(pollId, apiKey);
            if (pending == 0)
                return (total, counts);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{pending} votes still pending aggregation.");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// A read retried (up to 10 times) while it answers 503 storage_unavailable: what a client is told to do, and what
    /// checks made during a storage fault storm must do too (a read needs several storage calls, any of which may fail).
    /// </summary>
    private static async Task<Reply> RetryWhileUnavailableAsync(Func<Task<Reply>> read)
    {
        for (var attempt = 1; ; attempt++)
        {
            var reply = await read();
            if (reply.Status != HttpStatusCode.ServiceUnavailable || attempt == 10)
                return reply;
            Assert.Equal("storage_unavailable", reply.ErrorCode);
            await Task.Delay(200);
        }
    }
}
