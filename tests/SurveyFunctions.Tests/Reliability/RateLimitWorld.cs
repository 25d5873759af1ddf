using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// What the rate-limited routes are called on: a tenant's published poll and its embed token, a started survey with a Take
/// session, and (fresh for each caller, so callers never share a bucket) panelist keys and survey responses' access tokens.
/// Set up through the management API (not limited) from a client address of its own.
/// </summary>
public sealed class RateLimitWorld
{
    private readonly HttpClient _setup;
    private int _nextResponder;

    private RateLimitWorld(HttpClient setup, string key, string pollId, string embedToken, JsonNode survey, string takeToken)
    {
        _setup = setup;
        Key = key;
        PollId = pollId;
        EmbedToken = embedToken;
        SurveyId = survey.Id();
        SurveyUuid = survey.Uuid();
        TakeToken = takeToken;
    }

    public string Key { get; }
    public string PollId { get; }
    public string EmbedToken { get; }
    public string SurveyId { get; }
    public string SurveyUuid { get; }
    public string TakeToken { get; }

    public static async Task<RateLimitWorld> CreateAsync(RateLimitedSurveyHost host)
    {
        var setup = host.NewClient();
        var (_, key, _) = await setup.CreateTenantAsync();
        var poll = await setup.CreatePublishedPollAsync(key);
        var token = await setup.EmbedTokenAsync(poll);
        var survey = await setup.CreateStartedSurveyAsync(key, ResponsesApi.CsatSurvey());
        var take = await setup.TakeAsync(key, survey.Id());
        Assert.True(take.Token is not null, $"take: {(int)take.Status} {take.Json.ToJsonString()}");
        return new RateLimitWorld(setup, key, poll, token, survey, take.Token);
    }

    public Task<string> NewPanelistKeyAsync() => _setup.PublicKeyAsync(Key, SurveyUuid, "panelist-" + Guid.NewGuid().ToString("N"));

    public async Task<(string Id, string AccessToken)> NewResponseAsync()
    {
        var (id, accessToken, _) = await _setup.CreateResponseAsync(Key, SurveyUuid, 1000 + Interlocked.Increment(ref _nextResponder));
        return (id, accessToken);
    }

    /// <summary>A vote request as the embed script sends it.</summary>
    public HttpRequestMessage Vote(string fingerprint) => new(HttpMethod.Post, $"/api/polls/{PollId}/vote")
    {
        Content = JsonContent.Create(new { option_ids = new[] { "opt_1" }, _token = EmbedToken, fingerprint }),
    };
}
