using System.Net.Http.Json;
using Limits = SurveyFunctions.Tests.Infrastructure.RateLimitedSurveyHost;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Panelists;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// One caller repeating one request to a rate-limited route.
/// <see cref="Allowed"/> is how many pass before the next is refused: the address's limit, or the caller's (fingerprint,
/// panelist key, access token) where the request carries one and it is lower. <see cref="Prepare"/> makes the caller (a fresh
/// fingerprint, key or token) and returns a factory for the request.
/// </summary>
public sealed record RateLimitCase(string Endpoint, ApiFamily Family, int Allowed, Func<RateLimitWorld, Task<Func<HttpRequestMessage>>> Prepare)
{
    public override string ToString() => Endpoint;
}

/// <summary>The matrix: every route with a rate-limit policy, called as its real callers call it (a test checks none is missing).</summary>
public static class RateLimitCases
{
    public static IReadOnlyList<RateLimitCase> All { get; } =
    [
        Read("PollsGet", ApiFamily.Polls, w => $"/api/polls/{w.PollId}"),
        Read("PollsToken", ApiFamily.Polls, w => $"/api/polls/{w.PollId}/token"),
        Read("PollsVoteStatus", ApiFamily.Polls, w => $"/api/polls/{w.PollId}/vote?fingerprint=someone"),
        Read("PollsResults", ApiFamily.Polls, w => $"/api/polls/{w.PollId}/results?fingerprint=someone"),
        Read("EmbedPollScript", ApiFamily.Platform, _ => "/embed/poll.js"),
        Read("PanelistVotePage", ApiFamily.Platform, _ => "/app/panelist/vote"),
        Read("PanelistVoteScript", ApiFamily.Platform, _ => "/app/panelist/vote.js"),
        Read("ResponsePage", ApiFamily.Platform, _ => "/hc/en-us/survey_responses/01J00000000000000000000000"),
        Read("ResponsePageScript", ApiFamily.Platform, _ => "/hc/survey_response.js"),

        // One voter retrying the same vote: its fingerprint's limit comes first.
        new("PollsVote", ApiFamily.Polls, Limits.VotesPerFingerprint, w =>
        {
            var fingerprint = "voter-" + Guid.NewGuid().ToString("N");
            return Task.FromResult<Func<HttpRequestMessage>>(() => w.Vote(fingerprint));
        }),

        new("TakeSurvey", ApiFamily.Take, Limits.Take, w => Ready(() => TakeRequest(HttpMethod.Get, w, "take"))),
        new("TakeSubmitPage", ApiFamily.Take, Limits.Take, w => Ready(() =>
        {
            var request = TakeRequest(HttpMethod.Post, w, "submit-page");
            request.Content = JsonContent.Create(new { answers = Array.Empty<object>() });
            return request;
        })),

        Panelist("PanelistOpenSession", "session"),
        Panelist("PanelistSubmitPage", "submit-page"),
        Panelist("PanelistDismiss", "dismiss"),

        Responses("ResponsesSubmit", HttpMethod.Post, (id, token) => $"/api/v2/guide/survey_responses/{id}?access_token={token}"),
        Responses("ResponsesShow", HttpMethod.Get, (id, token) => $"/api/v2/guide/en-us/survey_responses/{id}?access_token={token}"),
        Responses("ResponsesForm", HttpMethod.Get, (id, token) => $"/hc/api/en-us/survey_responses/{id}/form?access_token={token}"),
    ];

    public static IEnumerable<object[]> Endpoints => All.Select(c => new object[] { c.Endpoint });

    public static RateLimitCase Named(string endpoint) => All.Single(c => c.Endpoint == endpoint);

    private static RateLimitCase Read(string endpoint, ApiFamily family, Func<RateLimitWorld, string> path) =>
        new(endpoint, family, Limits.Reads, w => Ready(() => new HttpRequestMessage(HttpMethod.Get, path(w))));

    private static HttpRequestMessage TakeRequest(HttpMethod method, RateLimitWorld w, string action)
    {
        var request = new HttpRequestMessage(method, $"/a/api/v2/surveys/{w.SurveyId}/{action}");
        request.Headers.Add("api-key", w.Key);
        request.Headers.Add("x-survey-token", w.TakeToken);
        return request;
    }

    /// <summary>One panelist (one key) calling again and again: the key's limit comes first.</summary>
    private static RateLimitCase Panelist(string endpoint, string action) =>
        new(endpoint, ApiFamily.Panelists, Limits.PerPanelistKey, async w =>
        {
            var key = await w.NewPanelistKeyAsync();
            return () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, $"/app/panelist/api/{action}") { Content = JsonContent.Create(new { }) };
                request.Headers.Add(PanelistKeys.Header, key);
                return request;
            };
        });

    /// <summary>One responder's link (one access token) followed again and again: the token's limit comes first.</summary>
    private static RateLimitCase Responses(string endpoint, HttpMethod method, Func<string, string, string> path) =>
        new(endpoint, ApiFamily.Responses, Limits.PerAccessToken, async w =>
        {
            var (id, token) = await w.NewResponseAsync();
            return () => new HttpRequestMessage(method, path(id, Uri.EscapeDataString(token)))
            {
                Content = method == HttpMethod.Post ? JsonContent.Create(new { survey_response = new { answers = Array.Empty<object>() } }) : null,
            };
        });

    private static Task<Func<HttpRequestMessage>> Ready(Func<HttpRequestMessage> request) => Task.FromResult(request);
}
