using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The poll owner's side, over the real API: a tenant of its own, polls created and changed with its key, and the
/// owner's results, which say whether the votes cast in the browser arrived and were counted.
/// </summary>
public sealed class OwnerApi : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _key;

    private OwnerApi(HttpClient http, string key)
    {
        _http = http;
        _key = key;
    }

    public static async Task<OwnerApi> CreateTenantAsync(Uri apiBase)
    {
        var http = new HttpClient { BaseAddress = apiBase, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/api/admin/tenants") { Content = JsonContent.Create(new { name = "Browser tests", plan = "standard" }) };
        request.Headers.Add("X-Admin-Key", InProcessHost.AdminKey);
        var created = await SendAsync(http, request, HttpStatusCode.Created).ConfigureAwait(false);
        return new OwnerApi(http, created["api_key"]!.GetValue<string>());
    }

    /// <summary>A poll whose options have the ids <c>opt_1</c>… in the order of <paramref name="labels"/>; returns its id.</summary>
    public async Task<string> CreatePollAsync(string title, string[] labels, object? settings = null, bool publish = true)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["options"] = new JsonArray(labels.Select((label, i) => (JsonNode)new JsonObject { ["id"] = $"opt_{i + 1}",
                ["label"] = label }).ToArray()),
        };
        if (settings is not null)
        {
            foreach (var (name, value) in System.Text.Json.JsonSerializer.SerializeToNode(settings)!.AsObject())
                body[name] = value?.DeepClone();
        }
        var created = await SendAsync(HttpMethod.Post, "/api/polls", body, HttpStatusCode.Created).ConfigureAwait(false);
        var id = created["id"]!.GetValue<string>();
        if (publish)
            await ChangePollAsync(id, new { published = true }).ConfigureAwait(false);
        return id;
    }

    public Task ChangePollAsync(string id, object changes) => SendAsync(HttpMethod.Patch, $"/api/polls/{id}", changes, HttpStatusCode.OK);

    public Task DeletePollAsync(string id) => SendAsync(HttpMethod.Delete, $"/api/polls/{id}", null, HttpStatusCode.OK);

    /// <summary>
    /// The owner's results once the aggregator has folded in every accepted vote and the total is
    /// <paramref name="expectedTotal"/> (bounded wait): option id → count.
    /// </summary>
    public async Task<Dictionary<string, long>> CountsOnceAggregatedAsync(string id, long expectedTotal)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var results = await SendAsync(HttpMethod.Get, $"/api/polls/{id}/results", null, HttpStatusCode.OK).ConfigureAwait(false);
            var total = results["total_votes"]!.GetValue<long>();
            var pending = results["pending_votes"]!.GetValue<long>();
            if (pending == 0 && total == expectedTotal)
                return results["results"]!.AsArray().ToDictionary(r => r!["option_id"]!.GetValue<string>(), r => r!["count"]!.GetValue<long>());
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Poll {id}: {total} votes counted and {pending} pending, expected {expectedTotal} counted: {results.ToJsonString()}");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    /// <summary>The stored votes of a non-anonymous poll: the fingerprint each voter sent → its option ids.</summary>
    public async Task<Dictionary<string, string[]>> VotesAsync(string id)
    {
        var votes = await SendAsync(HttpMethod.Get, $"/api/polls/{id}/votes?limit=100", null, HttpStatusCode.OK).ConfigureAwait(false);
        return votes["votes"]!.AsArray().ToDictionary(
            v => v!["voter"]!.GetValue<string>(),
            v => v!["option_ids"]!.AsArray().Select(o => o!.GetValue<string>()).ToArray());
    }

    /// <summary>Creates a survey from <paramref name="body"/> and starts it; returns its uuid.</summary>
    public async Task<string> CreateStartedSurveyAsync(JsonObject body)
    {
        var created = await SendAsync(HttpMethod.Post, "/api/surveys", body, HttpStatusCode.Created).ConfigureAwait(false);
        var uuid = created["uuid"]!.GetValue<string>();
        await SendAsync(HttpMethod.Post, $"/api/surveys/{uuid}/start", null, HttpStatusCode.OK).ConfigureAwait(false);
        return uuid;
    }

    /// <summary>The Panelists family's view of a panelist (created on first call): <c>{"panelist": {…}, "survey": {…}}</c>.</summary>
    public Task<JsonNode> PanelistAsync(string surveyUuid, string panelistId) =>
        SendAsync(HttpMethod.Get, $"/tenant/surveys/{surveyUuid}/panelists/{Uri.EscapeDataString(panelistId)}", null, HttpStatusCode.OK);

    /// <summary>The Account family's respondent: profile and every session with its answers.</summary>
    public Task<JsonNode> RespondentAsync(string externalId) =>
        SendAsync(HttpMethod.Get, $"/api/account/respondents/{Uri.EscapeDataString(externalId)}", null, HttpStatusCode.OK);

    /// <summary>Offers a survey response to a responder (the Responses family), with the session's hidden fields if given:
    /// <c>{"survey_response": {id, links, expires_at}}</c>.</summary>
    public Task<JsonNode> OfferResponseAsync(string surveyUuid, long responderId, string locale, JsonObject? hiddenFields = null)
    {
        var offer = new JsonObject { ["survey_id"] = surveyUuid, ["responder_id"] = responderId,
            ["subject_zrns"] = new JsonArray("zen:ticket:42"), ["locale"] = locale };
        if (hiddenFields is not null)
            offer["hidden_fields"] = hiddenFields;
        return SendAsync(HttpMethod.Post, "/api/v2/guide/survey_responses", new JsonObject { ["survey_response"] = offer }, HttpStatusCode.OK);
    }

    /// <summary>A survey response as its localized read shows it.</summary>
    public Task<JsonNode> ShowResponseAsync(string locale, string id) =>
        SendAsync(HttpMethod.Get, $"/api/v2/guide/{locale}/survey_responses/{id}", null, HttpStatusCode.OK);

    /// <summary>
    /// The survey's results once the aggregator has folded in every completed session and <paramref name="completed"/> are
    /// counted (bounded wait).
    /// </summary>
    public async Task<JsonNode> SurveyResultsOnceAggregatedAsync(string surveyUuid, long completed)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var results = await SendAsync(HttpMethod.Get, $"/api/surveys/{surveyUuid}/results", null, HttpStatusCode.OK).ConfigureAwait(false);
            if (results["pending_sessions"]!.GetValue<long>() == 0 && results["completed_sessions"]!.GetValue<long>() == completed)
                return results;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Survey {surveyUuid}: expected {completed} completed sessions, all aggregated: {results.ToJsonString()}");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    private Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        request.Headers.Add("X-API-Key", _key);
        return SendAsync(_http, request, expected);
    }

    private static async Task<JsonNode> SendAsync(HttpClient http, HttpRequestMessage request, HttpStatusCode expected)
    {
        using (request)
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
            return JsonNode.Parse(text)!;
        }
    }

    public void Dispose() => _http.Dispose();
}
