using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

/// <summary>The setup and read-back calls (tenant, polls, tokens, owner results). Not on the hot path.</summary>
internal sealed class ApiClient(HttpClient http, Uri baseAddress)
{
    public const int OptionCount = 3;
    private string _apiKey = "";
    private string _tenantId = "";

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The bench tenant's API key (after <see cref="CreateTenantAsync"/>).</summary>
    public string ApiKey => _apiKey;

    /// <summary>The bench tenant's id (after <see cref="CreateTenantAsync"/>).</summary>
    public string TenantId => _tenantId;

    public async Task CreateTenantAsync(string adminKey, CancellationToken ct)
    {
        using var req = Json(HttpMethod.Post, "api/admin/tenants", """{"name":"bench","plan":"enterprise"}""");
        req.Headers.Add("X-Admin-Key", adminKey);
        using var doc = await SendAsync(req, HttpStatusCode.Created, ct).ConfigureAwait(false);
        _apiKey = doc.RootElement.GetProperty("api_key").GetString() ?? throw new InvalidOperationException("no api_key");
        _tenantId = doc.RootElement.GetProperty("tenant_id").GetString() ?? throw new InvalidOperationException("no tenant_id");
    }

    /// <summary>
    /// Whether polls show results after a vote (the Polls API's default, and what the embed shows): every vote's answer then
    /// carries the poll's results.
    /// </summary>
    public bool ResultsAfterVote { get; set; } = true;

    /// <summary>Creates and publishes a 3-option poll; returns its id.</summary>
    public async Task<string> CreatePublishedPollAsync(string title, int? maxResponses, CancellationToken ct)
    {
        var max = maxResponses is { } m ? string.Create(CultureInfo.InvariantCulture, $",\"max_responses\":{m}") : "";
        var body = "{\"title\":" + JsonSerializer.Serialize(title, BenchJson.Options) +
                   ",\"options\":[{\"id\":\"opt_1\",\"label\":\"A\"},{\"id\":\"opt_2\",\"label\":\"B\"},{\"id\":\"opt_3\",\"label\":\"C\"}]," +
                   "\"show_results_after_vote\":" + (ResultsAfterVote ? "true" : "false") + max + "}";
        string id;
        using (var req = Json(HttpMethod.Post, "api/polls", body))
        {
            req.Headers.Add("X-API-Key", _apiKey);
            using var doc = await SendAsync(req, HttpStatusCode.Created, ct).ConfigureAwait(false);
            id = doc.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("no poll id");
        }
        using (var req = Json(HttpMethod.Patch, "api/polls/" + id, """{"published":true}"""))
        {
            req.Headers.Add("X-API-Key", _apiKey);
            using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        }
        return id;
    }

    public async Task<string> GetTokenAsync(string pollId, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/polls/" + pollId + "/token"));
        using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        return doc.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("no token");
    }

    public async Task<PollResults> GetResultsAsync(string pollId, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/polls/" + pollId + "/results"));
        req.Headers.Add("X-API-Key", _apiKey);
        using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        var root = doc.RootElement;
        var counts = new long[OptionCount];
        foreach (var r in root.GetProperty("results").EnumerateArray())
        {
            var opt = r.GetProperty("option_id").GetString();
            var idx = OptionIndex(opt);
            if (idx >= 0) counts[idx] = r.GetProperty("count").GetInt64();
        }
        var pending = root.TryGetProperty("pending_votes", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt64() : 0;
        return new PollResults(root.GetProperty("total_votes").GetInt64(), pending, counts);
    }

    /// <summary>Creates and starts a survey from <paramref name="body"/> (the management API's shape); returns its id and uuid.</summary>
    public async Task<(string Id, string Uuid)> CreateStartedSurveyAsync(string body, CancellationToken ct)
    {
        string id, uuid;
        using (var req = Json(HttpMethod.Post, "api/surveys", body))
        {
            req.Headers.Add("X-API-Key", _apiKey);
            using var doc = await SendAsync(req, HttpStatusCode.Created, ct).ConfigureAwait(false);
            id = doc.RootElement.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
            uuid = doc.RootElement.GetProperty("uuid").GetString() ?? throw new InvalidOperationException("no survey uuid");
        }
        using (var req = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "api/surveys/" + uuid + "/start")))
        {
            req.Headers.Add("X-API-Key", _apiKey);
            using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        }
        return (id, uuid);
    }

    /// <summary>A survey's questions as the seeder answers them: each question's id and identifier, and its options' ids.</summary>
    public async Task<IReadOnlyList<SeedQuestion>> GetSeedQuestionsAsync(string uuid, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/surveys/" + uuid));
        req.Headers.Add("X-API-Key", _apiKey);
        using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        return [.. doc.RootElement.GetProperty("questions").EnumerateArray().Select(q => new SeedQuestion(q.GetProperty("id").GetInt64(),
            q.GetProperty("identifier").GetString()!,
            [.. q.GetProperty("json").TryGetProperty("options", out var o) ? o.EnumerateArray().Select(x => x.GetProperty("id").GetInt64()) : []]))];
    }

    /// <summary>A survey's completed and still-uncounted (pending) sessions, from its owner results.</summary>
    public async Task<(long Completed, long Pending)> GetSurveyResultsAsync(string uuid, CancellationToken ct)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseAddress, "api/surveys/" + uuid + "/results"));
        req.Headers.Add("X-API-Key", _apiKey);
        using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
        return (doc.RootElement.GetProperty("completed_sessions").GetInt64(), doc.RootElement.GetProperty("pending_sessions").GetInt64());
    }

    public static int OptionIndex(string? optionId) => optionId switch
    {
        "opt_1" => 0,
        "opt_2" => 1,
        "opt_3" => 2,
        _ => -1,
    };

    /// <summary>"status code" of an error response, e.g. "403 poll_closed"; reads the body (only on errors).</summary>
    public static async Task<string> ErrorKindAsync(HttpResponseMessage response)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (bytes.Length == 0) return status + " (empty)";
            using var doc = JsonDocument.Parse(bytes);
            if (doc.RootElement.ValueKind == JsonValueKind.Object &&
                doc.RootElement.TryGetProperty("error", out var e))
            {
                if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("code", out var c))
                    return status + " " + c.ToString();
                if (e.ValueKind == JsonValueKind.String)
                    return status + " " + e.GetString();
            }
            return status + " (unrecognised body)";
        }
        catch (JsonException)
        {
            return status + " (non-JSON body)";
        }
    }

    /// <summary>Creates a webhook endpoint of the tenant for the given event types; returns its id.</summary>
    public async Task<string> CreateWebhookAsync(Uri url, IReadOnlyList<string> eventTypes, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new { url = url.ToString(), event_types = eventTypes }, BenchJson.Options);
        using var req = Json(HttpMethod.Post, "api/webhooks", body);
        req.Headers.Add("X-API-Key", _apiKey);
        using var doc = await SendAsync(req, HttpStatusCode.Created, ct).ConfigureAwait(false);
        return doc.RootElement.GetProperty("id").GetString() ?? throw new InvalidOperationException("no webhook id");
    }

    /// <summary>Turns a webhook endpoint on or off.</summary>
    public async Task SetWebhookEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        using var req = Json(HttpMethod.Patch, "api/webhooks/" + id, enabled ? """{"enabled":true}""" : """{"enabled":false}""");
        req.Headers.Add("X-API-Key", _apiKey);
        using var doc = await SendAsync(req, HttpStatusCode.OK, ct).ConfigureAwait(false);
    }

    private HttpRequestMessage Json(HttpMethod method, string path, string body) =>
        new(method, new Uri(BaseAddress, path))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };

    private async Task<JsonDocument> SendAsync(HttpRequestMessage req, HttpStatusCode expected, CancellationToken ct)
    {
        using var resp = await http.SendAsync(req, ct).ConfigureAwait(false);
        if (resp.StatusCode != expected)
        {
            var text = await resp.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"{req.Method} {req.RequestUri}: expected {(int)expected}, got {(int)resp.StatusCode}: {text}");
        }
        var bytes = await resp.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return bytes.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(bytes);
    }
}

internal sealed record PollResults(long Total, long Pending, long[] Counts);

internal static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
