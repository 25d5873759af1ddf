using System.Net;
using Limits = SurveyFunctions.Tests.Infrastructure.RateLimitedSurveyHost;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The failed-authentication budget per client address over real HTTP (<see cref="RateLimitedSurveyHost"/>: 3 failures per
/// 12 seconds): wrong tenant keys, wrong admin keys, Account's <c>?token=</c>,
/// guessed panelist keys and response access tokens spend it, valid keys do not; with none
/// left every request from that address that carries a key gets the family's 429 with Retry-After before any key lookup,
/// a valid key included, while other addresses go on; after Retry-After the address is served again.
/// </summary>
public sealed class AuthFailureLimitTests(RateLimitedSurveyHost host) : IClassFixture<RateLimitedSurveyHost>, IAsyncLifetime
{
    private static readonly Expected Unauthorized = new(HttpStatusCode.Unauthorized, "unauthorized");
    private static readonly Expected RateLimited = new(HttpStatusCode.TooManyRequests, "rate_limited");
    private string _key = null!;

    public async Task InitializeAsync()
    {
        using var setup = host.NewClient();
        (_, _key, _) = await setup.CreateTenantAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Wrong_keys_past_the_budget_refuse_the_address_even_a_valid_key_without_a_key_lookup_and_it_recovers()
    {
        using var client = host.NewClient();

        // Valid keys spend nothing: more successes than the budget, and the budget is still whole afterwards.
        for (var i = 0; i < Limits.AuthFailures + 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/api/polls", _key)).Status);
        var lookupsBefore = host.KeyLookups;
        for (var i = 0; i < Limits.AuthFailures; i++)
            Rejection.AssertOneOf(await client.GetReplyAsync("/api/polls", WrongKey()), [Unauthorized], $"wrong key {i + 1}", ApiFamily.Polls);
        Assert.Equal(lookupsBefore + Limits.AuthFailures, host.KeyLookups);

        var lookupsWhileRefused = host.KeyLookups;
        var refusedValid = await client.GetReplyAsync("/api/polls", _key);
        AssertRefused(refusedValid, ApiFamily.Polls, "valid key after the budget");
        AssertRefused(await client.GetReplyAsync("/api/polls", WrongKey()), ApiFamily.Polls, "wrong key after the budget");
        Assert.Equal(lookupsWhileRefused, host.KeyLookups);

        // No key at all costs no lookup: it still gets its 401, not the 429.
        Rejection.AssertOneOf(await client.GetReplyAsync("/api/polls"), [Unauthorized], "no key from a refused address", ApiFamily.Polls);

        // Another address with the valid key is not affected.
        using var other = host.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await other.GetReplyAsync("/api/polls", _key)).Status);

        await Task.Delay(TimeSpan.FromSeconds(RateLimitTests.RetryAfterSeconds(refusedValid)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetReplyAsync("/api/polls", _key)).Status);
    }

    [Fact]
    public async Task Wrong_admin_keys_spend_the_budget()
    {
        using var client = host.NewClient();
        for (var i = 0; i < Limits.AuthFailures; i++)
        {
            var wrong = await client.SendAsync(HttpMethod.Get, "/api/admin/tenants/t_missing",
                configure: r => r.Headers.Add("X-Admin-Key", "not-the-admin-key"));
            Rejection.AssertOneOf(wrong, [Unauthorized], $"wrong admin key {i + 1}", ApiFamily.Polls);
        }
        AssertRefused(await client.SendAsync(HttpMethod.Get, "/api/admin/tenants/t_missing", configure: Api.AsAdmin), ApiFamily.Polls,
            "admin key after the budget");
        AssertRefused(await client.GetReplyAsync("/api/polls", _key), ApiFamily.Polls, "tenant key after admin failures");
    }

    [Fact]
    public async Task Account_query_token_failures_spend_the_budget_and_refusals_use_the_Account_envelope()
    {
        using var client = host.NewClient();
        const string path = "/api/account/surveys/00000000-0000-0000-0000-000000000000";
        for (var i = 0; i < Limits.AuthFailures; i++)
            Rejection.AssertOneOf(await client.GetReplyAsync($"{path}?token={WrongKey()}"), [Unauthorized], $"wrong ?token= {i + 1}",
                ApiFamily.Account);
        var lookups = host.KeyLookups;
        AssertRefused(await client.GetReplyAsync($"{path}?token={_key}"), ApiFamily.Account, "valid ?token= after the budget");
        Assert.Equal(lookups, host.KeyLookups);
    }

    [Fact]
    public async Task Guessed_panelist_keys_spend_the_budget_like_any_key()
    {
        using var client = host.NewClient();
        // A different wrong key each time, so the per-key limit never answers first: only the address's budget can.
        for (var i = 0; i < Limits.AuthFailures; i++)
        {
            var guess = await client.SendAsync(HttpMethod.Post, "/app/panelist/api/session",
                configure: r => r.Headers.Add("X-Panelist-Key", $"pk_guess{i}"));
            Rejection.AssertOneOf(guess, [Unauthorized], $"guessed panelist key {i + 1}", ApiFamily.Panelists);
        }
        var refused = await client.SendAsync(HttpMethod.Post, "/app/panelist/api/session",
            configure: r => r.Headers.Add("X-Panelist-Key", "pk_guess_last"));
        AssertRefused(refused, ApiFamily.Panelists, "panelist key after the budget");
        AssertRefused(await client.GetReplyAsync("/api/polls", _key), ApiFamily.Polls, "tenant key after panelist key failures");
    }

    [Fact]
    public async Task Guessed_access_tokens_spend_the_budget_like_any_key()
    {
        using var client = host.NewClient();
        const string path = "/api/v2/guide/en-us/survey_responses/01GFYBENPDGN1R6NAA4WRDNVFR";
        for (var i = 0; i < Limits.AuthFailures; i++)
            Rejection.AssertOneOf(await client.GetReplyAsync($"{path}?access_token=guess{i}"), [Unauthorized], $"guessed access_token {i + 1}", ApiFamily.Responses);
        var lookups = host.KeyLookups;
        AssertRefused(await client.GetReplyAsync($"{path}?access_token=guess_last"), ApiFamily.Responses, "access_token after the budget");
        AssertRefused(await client.GetReplyAsync("/api/polls", _key), ApiFamily.Polls, "tenant key after access token failures");
        Assert.Equal(lookups, host.KeyLookups);
    }

    /// <summary>The tenant's key with its last character changed: well-formed, so the host looks it up, and unknown.</summary>
    private string WrongKey() => _key[..^1] + (_key[^1] == 'a' ? 'b' : 'a');

    private static void AssertRefused(Api.Reply reply, ApiFamily family, string what)
    {
        Assert.True(reply.Status == HttpStatusCode.TooManyRequests, $"{what}: expected 429, got {(int)reply.Status} {reply.Body?.ToJsonString()}");
        Rejection.AssertOneOf(reply, [RateLimited], what, family);
        Assert.Contains("failed authentications", reply.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.InRange(RateLimitTests.RetryAfterSeconds(reply), 1, Limits.WindowSeconds);
    }
}
