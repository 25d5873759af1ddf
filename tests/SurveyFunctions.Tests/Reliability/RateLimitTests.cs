using System.Net;
using System.Text.Json.Nodes;
using Limits = SurveyFunctions.Tests.Infrastructure.RateLimitedSurveyHost;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Rate limits over real HTTP against the standalone host with small limits (<see cref="RateLimitedSurveyHost"/>): every
/// limited route answers its family's 429 with Retry-After past its limit and serves the caller again after it; addresses,
/// fingerprints, panelist keys and access tokens are separate partitions; a refused vote is neither stored nor counted; a
/// header the client sends itself does not choose its partition.
/// </summary>
public sealed class RateLimitTests(RateLimitedSurveyHost host) : IClassFixture<RateLimitedSurveyHost>, IAsyncLifetime
{
    private static readonly Expected RateLimited = new(HttpStatusCode.TooManyRequests, "rate_limited");
    private RateLimitWorld _world = null!;

    public async Task InitializeAsync() => _world = await RateLimitWorld.CreateAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void Every_public_route_is_limited_and_the_matrix_calls_every_limited_route()
    {
        // Public: no key at all, or a key that is optional; Take's key is the tenant's but its calls come from browsers.
        // Health and the OpenAPI document stay open: platform probes must never be refused, and neither touches tenant data.
        var unlimitedPublic = RouteTable.All
            .Where(e => e.Auth is EndpointAuth.Anonymous or EndpointAuth.OptionalTenant || e.Family == ApiFamily.Take)
            .Where(e => e.RateLimit == RateLimit.None)
            .Select(e => e.Name);
        Assert.Equal(["Health", "OpenApi"], unlimitedPublic);
        Assert.Equal(
            RouteTable.All.Where(e => e.RateLimit != RateLimit.None).Select(e => e.Name).Order(),
            RateLimitCases.All.Select(c => c.Endpoint).Order());
    }

    [Theory]
    [MemberData(nameof(RateLimitCases.Endpoints), MemberType = typeof(RateLimitCases))]
    public async Task Past_its_limit_a_route_answers_its_family_429_with_Retry_After(string endpoint)
    {
        using var client = host.NewClient();
        await UseUpAsync(RateLimitCases.Named(endpoint), client);
    }

    [Fact]
    public async Task Each_family_serves_a_refused_caller_again_after_Retry_After()
    {
        string[] oneRoutePerFamily = ["PollsToken", "PollsVote", "TakeSurvey", "PanelistOpenSession", "ResponsesShow"];
        await Task.WhenAll(oneRoutePerFamily.Select(async endpoint =>
        {
            using var client = host.NewClient();
            var (request, refused) = await UseUpAsync(RateLimitCases.Named(endpoint), client);

            await Task.Delay(TimeSpan.FromSeconds(RetryAfterSeconds(refused)));
            var again = await SendAsync(client, request());
            Assert.True(again.Status != HttpStatusCode.TooManyRequests, $"{endpoint}: still refused after its Retry-After");
        }));
    }

    [Fact]
    public async Task Votes_past_the_address_limit_are_refused_whatever_the_fingerprint_and_neither_stored_nor_counted()
    {
        using var owner = host.NewClientPerRequest();
        var (_, key, _) = await owner.CreateTenantAsync();
        var poll = await owner.CreatePublishedPollAsync(key);
        var token = await owner.EmbedTokenAsync(poll);
        using var script = host.NewClient();

        var accepted = new List<string>();
        var refused = new List<string>();
        for (var i = 0; i < Limits.Votes + 3; i++)
        {
            var fingerprint = $"script-{i}";
            var reply = await script.VoteAsync(poll, token, fingerprint, "opt_1");
            (reply.Status == HttpStatusCode.TooManyRequests ? refused : accepted).Add(fingerprint);
            if (reply.Status == HttpStatusCode.TooManyRequests)
                Assert.Contains("network address", reply.Body!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            else
                Assert.True(reply.Status == HttpStatusCode.OK, $"vote {i}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        }

        Assert.Equal(Limits.Votes, accepted.Count);
        Assert.Equal(3, refused.Count);
        var (total, counts) = await owner.WaitForAggregationAsync(poll, key);
        Assert.Equal(Limits.Votes, total);
        Assert.Equal(Limits.Votes, counts["opt_1"]);
        var stored = await owner.ListVotesAsync(poll, key);
        Assert.Equal(accepted.Order(), stored.Keys.Order());
        foreach (var fingerprint in refused)
        {
            var status = await owner.GetReplyAsync($"/api/polls/{poll}/vote?fingerprint={fingerprint}");
            Assert.Equal(HttpStatusCode.OK, status.Status);
            Assert.False(status.Json["hasVoted"]!.GetValue<bool>(), $"{fingerprint} was refused but counts as having voted");
        }
    }

    [Fact]
    public async Task Another_address_fingerprint_panelist_key_or_access_token_is_not_affected()
    {
        // Address: one client has used up its reads; another reads at once.
        using var first = host.NewClient();
        using var second = host.NewClient();
        var (read, _) = await UseUpAsync(RateLimitCases.Named("PollsToken"), first);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(second, read())).Status);

        // Fingerprint, panelist key, access token: one caller has used up its own limit (the refusal says which); another
        // caller at the same address goes on (a class behind one NAT: one pupil's retries do not lock out the others).
        foreach (var (endpoint, caller) in new[] { ("PollsVote", "fingerprint"), ("PanelistOpenSession", "panelist key"),
            ("ResponsesShow", "access token") })
        {
            var limited = RateLimitCases.Named(endpoint);
            using var client = host.NewClient();
            var (_, refused) = await UseUpAsync(limited, client);
            Assert.Contains(caller, refused.Body!.ToJsonString(), StringComparison.Ordinal);
            var other = await limited.Prepare(_world);
            var reply = await SendAsync(client, other());
            Assert.True(reply.Status != HttpStatusCode.TooManyRequests, $"{endpoint}: another caller at the same address was refused");
        }
    }

    [Fact]
    public async Task An_owners_key_on_a_responders_route_is_held_by_the_address_limit_not_the_access_token_limit()
    {
        // The per-caller limit of the Responses routes is the responder's access token; an owner reading a response with
        // the tenant's key is no responder, so only the address limit (larger here) applies to it.
        using var client = host.NewClient();
        var (id, _) = await _world.NewResponseAsync();
        for (var i = 0; i < Limits.PerAccessToken + 1; i++)
        {
            var reply = await client.GetReplyAsync($"/api/v2/guide/en-us/survey_responses/{id}", _world.Key);
            Assert.True(reply.Status == HttpStatusCode.OK, $"read {i + 1} with the owner's key: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task A_HEAD_takes_one_token_from_the_bucket_of_the_GET_it_mirrors()
    {
        // HEAD runs GET's endpoint, so GET's policy: each HEAD costs one read, no more, and they use up the GET's limit.
        using var client = host.NewClient();
        var read = await RateLimitCases.Named("PollsToken").Prepare(_world);
        HttpRequestMessage Head()
        {
            var request = read();
            request.Method = HttpMethod.Head;
            return request;
        }

        for (var i = 0; i < Limits.Reads; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Head())).Status);
        var refusedHead = await SendAsync(client, Head());
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedHead.Status);
        Assert.InRange(RetryAfterSeconds(refusedHead), 1, Limits.WindowSeconds);
        AssertRefused(await SendAsync(client, read()), ApiFamily.Polls, "GET after the HEADs used up its limit");
    }

    [Fact]
    public async Task An_X_Forwarded_For_the_client_sends_does_not_choose_its_partition()
    {
        using var client = host.NewClient();
        var read = await RateLimitCases.Named("PollsGet").Prepare(_world);
        HttpRequestMessage Spoofed(int i)
        {
            var request = read();
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            return request;
        }

        for (var i = 0; i < Limits.Reads; i++)
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Spoofed(i))).Status);
        AssertRefused(await SendAsync(client, Spoofed(Limits.Reads)), ApiFamily.Polls, "spoofed X-Forwarded-For");
    }

    /// <summary>
    /// One caller of <paramref name="limited"/> (prepared fresh) sends its allowed requests, each answered without a 429 or a
    /// 5xx, then one more, which must be the family's 429. Returns the caller's request and that refusal.
    /// </summary>
    private async Task<(Func<HttpRequestMessage> Request, Api.Reply Refused)> UseUpAsync(RateLimitCase limited, HttpClient client)
    {
        var request = await limited.Prepare(_world);
        for (var i = 0; i < limited.Allowed; i++)
        {
            var reply = await SendAsync(client, request());
            Assert.True(reply.Status != HttpStatusCode.TooManyRequests,
                $"{limited.Endpoint}: request {i + 1} of {limited.Allowed} allowed was refused");
            Assert.True((int)reply.Status < 500, $"{limited.Endpoint}: request {i + 1} answered {(int)reply.Status}");
        }
        var refused = await SendAsync(client, request());
        AssertRefused(refused, limited.Family, limited.Endpoint);
        return (request, refused);
    }

    private static void AssertRefused(Api.Reply reply, ApiFamily family, string what)
    {
        Assert.True(reply.Status == HttpStatusCode.TooManyRequests, $"{what}: expected 429, got {(int)reply.Status}");
        Rejection.AssertOneOf(reply, [RateLimited], what, family);
        var envelopeKey = family switch
        {
            ApiFamily.Take => "response",
            ApiFamily.Responses => "errors",
            _ => "error",
        };
        Assert.True(reply.Body!.AsObject().ContainsKey(envelopeKey), $"{what}: not the {family} envelope: {reply.Body.ToJsonString()}");
        if (family == ApiFamily.Panelists)
            Assert.Equal("rate_limited", reply.Body["error"]!.GetValue<string>());
        Assert.InRange(RetryAfterSeconds(reply), 1, Limits.WindowSeconds);
    }

    internal static int RetryAfterSeconds(Api.Reply reply)
    {
        Assert.True(reply.Headers.RetryAfter?.Delta is not null, "a 429 without a Retry-After in seconds");
        return (int)reply.Headers.RetryAfter!.Delta!.Value.TotalSeconds;
    }

    /// <summary>Sends one request; only a 429's body is read as JSON (the others include pages and scripts).</summary>
    private static async Task<Api.Reply> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            // A HEAD's 429 has no body to read (its envelope is the GET's; HeadRequestTests checks HEAD mirrors GET).
            var json = response.StatusCode == HttpStatusCode.TooManyRequests && request.Method != HttpMethod.Head ? JsonNode.Parse(text) : null;
            return new Api.Reply(response.StatusCode, json, response.Headers);
        }
    }
}
