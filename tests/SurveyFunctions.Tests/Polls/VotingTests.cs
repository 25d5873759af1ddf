using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Polls;

/// <summary>Polls API public endpoints: embed token, vote status, vote, results, and every error code in its documented table.</summary>
public sealed class VotingTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Token_vote_status_vote_and_results_follow_the_documentation()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = true });

        var token = await host.Http.GetReplyAsync($"/api/polls/{id}/token");
        Assert.Equal(1800, token.Json["expiresIn"]!.GetValue<int>());
        Assert.StartsWith("eyJ", token.Json["token"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.False((await host.Http.GetReplyAsync($"/api/polls/{id}/vote?fingerprint=abc123")).Json["hasVoted"]!.GetValue<bool>());
        var vote = await host.Http.VoteAsync(id, token.Json["token"]!.GetValue<string>(), "abc123", "opt_1");
        Assert.Equal(HttpStatusCode.OK, vote.Status);
        Assert.True(vote.Json["success"]!.GetValue<bool>());
        Assert.Equal(1, vote.Json["results"]!["total_votes"]!.GetValue<long>());
        var counts = vote.Json["results"]!["results"]!.AsArray();
        Assert.Equal(3, counts.Count); // every option, zero counts too
        Assert.Equal(1, counts.Single(c => c!["option_id"]!.GetValue<string>() == "opt_1")!["count"]!.GetValue<long>());
        Assert.True((await host.Http.GetReplyAsync($"/api/polls/{id}/vote?fingerprint=abc123")).Json["hasVoted"]!.GetValue<bool>());

        var results = await host.Http.GetReplyAsync($"/api/polls/{id}/results?fingerprint=abc123");
        Assert.Equal(HttpStatusCode.OK, results.Status);
        Assert.Equal(1, results.Json["total_votes"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_voter_always_sees_their_own_vote_in_the_response()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_before_vote = true });
        var token = await host.Http.EmbedTokenAsync(id);
        for (var i = 1; i <= 10; i++)
        {
            // Warm the public results snapshot between votes so responses must combine it with the new vote.
            await host.Http.GetReplyAsync($"/api/polls/{id}/results");
            var vote = await host.Http.VoteAsync(id, token, $"voter-{i}", "opt_2");
            // Public snapshots may be up to a second old, but the voter's own vote is always in, and never twice.
            Assert.InRange(vote.Json["results"]!["total_votes"]!.GetValue<long>(), 1, i);
            Assert.InRange(vote.Json["results"]!["results"]![1]!["count"]!.GetValue<long>(), 1, i);
        }
        var (total, _) = await host.Http.WaitForAggregationAsync(id, key);
        Assert.Equal(10, total);
    }

    [Fact]
    public async Task Retried_identical_vote_succeeds_and_a_different_second_vote_is_already_voted()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { allow_multiple = true });
        var token = await host.Http.EmbedTokenAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "fp", "opt_1", "opt_3")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "fp", "opt_3", "opt_1")).Status); // same set, other order
        var second = await host.Http.VoteAsync(id, token, "fp", "opt_2");
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("already_voted", second.ErrorCode);

        var (total, counts) = await host.Http.WaitForAggregationAsync(id, key);
        Assert.Equal(1, total);
        Assert.Equal(1, counts["opt_1"]);
        Assert.Equal(0, counts["opt_2"]);
        Assert.Equal(1, counts["opt_3"]);
    }

    [Fact]
    public async Task Option_rules_single_choice_multiple_unknown_and_duplicates()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var single = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(single);

        async Task<string?> Field(object body) => (await host.Http.PostReplyAsync($"/api/polls/{single}/vote",
            body)).Json["error"]?["field"]?.GetValue<string>();

        Assert.Equal("option_ids", await Field(new { option_ids = new[] { "opt_1", "opt_2" }, _token = token, fingerprint = "a" }));
        Assert.Equal("option_ids", await Field(new { option_ids = Array.Empty<string>(), _token = token, fingerprint = "a" }));
        Assert.Equal("option_ids", await Field(new { option_ids = new[] { "opt_9" }, _token = token, fingerprint = "a" }));
        Assert.Equal("option_ids", await Field(new { option_ids = new[] { "' or 1 eq 1 or '" }, _token = token, fingerprint = "a" }));
        Assert.Equal("option_ids", await Field(new { option_ids = "opt_1", _token = token, fingerprint = "a" }));
        Assert.Equal("option_ids", await Field(new { option_ids = new object[] { 1 }, _token = token, fingerprint = "a" }));
        Assert.Equal("fingerprint", await Field(new { option_ids = new[] { "opt_1" }, _token = token }));
        Assert.Equal("fingerprint", await Field(new { option_ids = new[] { "opt_1" }, _token = token, fingerprint = new string('f', 300) }));
        Assert.Equal("clientMetadata", await Field(new { option_ids = new[] { "opt_1" }, _token = token, fingerprint = "a",
            clientMetadata = new { blob = new string('m', 5000) } }));

        var multi = await host.Http.CreatePublishedPollAsync(key, new { allow_multiple = true });
        var multiToken = await host.Http.EmbedTokenAsync(multi);
        Assert.Equal("option_ids", (await host.Http.PostReplyAsync($"/api/polls/{multi}/vote",
            new { option_ids = new[] { "opt_1", "opt_1" }, _token = multiToken, fingerprint = "b" })).Json["error"]!["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(multi, multiToken, "b", "opt_1", "opt_2")).Status);

        var (total, _, _) = await host.Http.OwnerResultsAsync(single, key);
        Assert.Equal(0, total); // no rejected vote left anything behind
    }

    [Fact]
    public async Task Documented_error_codes_not_found_not_published_invalid_token_closed()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var other = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);

        var notFound = await host.Http.VoteAsync("poll_nope", token, "x", "opt_1");
        Assert.Equal((HttpStatusCode.NotFound, "poll_not_found"), (notFound.Status, notFound.ErrorCode));

        var draft = (await host.Http.PostReplyAsync("/api/polls",
            new { title = "d", options = new object[] { new { label = "a" }, new { label = "b" } } }, key)).Json["id"]!.GetValue<string>();
        var draftToken = await host.Http.GetReplyAsync($"/api/polls/{draft}/token");
        Assert.Equal((HttpStatusCode.BadRequest, "poll_not_published"), (draftToken.Status, draftToken.ErrorCode));

        foreach (var bad in new[] { (string?)null, "", "not.a.token", token[..^4] + "AAAA", await host.Http.EmbedTokenAsync(other) })
        {
            var reply = await host.Http.PostReplyAsync($"/api/polls/{id}/vote",
                new { option_ids = new[] { "opt_1" }, _token = bad, fingerprint = "x" });
            Assert.Equal((HttpStatusCode.Forbidden, "invalid_token"), (reply.Status, reply.ErrorCode));
        }

        await host.Http.PatchReplyAsync($"/api/polls/{id}", new { published = false }, key);
        var unpublished = await host.Http.VoteAsync(id, token, "x", "opt_1");
        Assert.Equal((HttpStatusCode.BadRequest, "poll_not_published"), (unpublished.Status, unpublished.ErrorCode));

        var closing = await host.Http.CreatePublishedPollAsync(key, new { close_message = "Voting has ended, thank you!" });
        await host.Http.PatchReplyAsync($"/api/polls/{closing}", new { closed = true }, key);
        var closed = await host.Http.VoteAsync(closing, await ClosedTokenAsync(closing), "x", "opt_1");
        Assert.Equal((HttpStatusCode.Forbidden, "poll_closed"), (closed.Status, closed.ErrorCode));
        Assert.Equal("Voting has ended, thank you!", closed.Json["error"]!["message"]!.GetValue<string>());
        var poll = await host.Http.GetReplyAsync($"/api/polls/{closing}");
        Assert.Equal("manual", poll.Json["close_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Results_respect_before_and_after_vote_settings()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var hidden = await host.Http.CreatePublishedPollAsync(key, new { show_results_before_vote = false, show_results_after_vote = true });
        var token = await host.Http.EmbedTokenAsync(hidden);

        Assert.Equal((HttpStatusCode.Forbidden, "results_hidden"), await StatusOf($"/api/polls/{hidden}/results"));
        Assert.Equal((HttpStatusCode.Forbidden, "results_hidden"), await StatusOf($"/api/polls/{hidden}/results?fingerprint=someone"));
        await host.Http.VoteAsync(hidden, token, "voter", "opt_1");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/polls/{hidden}/results?fingerprint=voter")).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/polls/{hidden}/results", key)).Status);

        var never = await host.Http.CreatePublishedPollAsync(key, new { show_results_before_vote = false, show_results_after_vote = false });
        var neverToken = await host.Http.EmbedTokenAsync(never);
        var vote = await host.Http.VoteAsync(never, neverToken, "voter", "opt_1");
        Assert.Null(vote.Json["results"]);
        Assert.Equal((HttpStatusCode.Forbidden, "results_hidden"), await StatusOf($"/api/polls/{never}/results?fingerprint=voter"));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/polls/{never}/results", key)).Status);

        var open = await host.Http.CreatePublishedPollAsync(key, new { show_results_before_vote = true });
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/polls/{open}/results")).Status);
    }

    [Fact]
    public async Task Owner_votes_list_pages_and_anonymous_polls_hide_the_voter()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var named = await host.Http.CreatePublishedPollAsync(key);
        var anon = await host.Http.CreatePublishedPollAsync(key, new { anonymous = true });
        var namedToken = await host.Http.EmbedTokenAsync(named);
        var anonToken = await host.Http.EmbedTokenAsync(anon);
        for (var i = 0; i < 7; i++)
        {
            await host.Http.VoteAsync(named, namedToken, $"person-{i}", "opt_1");
            await host.Http.VoteAsync(anon, anonToken, $"person-{i}", "opt_2");
        }

        var seen = new HashSet<string>();
        string? cursor = null;
        string? firstCursor = null;
        do
        {
            var page = await host.Http.GetReplyAsync($"/api/polls/{named}/votes?limit=3" + (cursor is null ? "" : "&cursor=" + cursor), key);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var v in page.Json["votes"]!.AsArray())
            {
                Assert.True(seen.Add(v!["voter"]!.GetValue<string>()));
                Assert.Equal("en-US", v["client_metadata"]!["language"]!.GetValue<string>());
                Assert.Equal("opt_1", v["option_ids"]![0]!.GetValue<string>());
            }
            cursor = page.Json["pagination"]!["next_cursor"]?.GetValue<string>();
            firstCursor ??= cursor;
        }
        while (cursor is not null);
        Assert.Equal(7, seen.Count);

        // Cursors are signed and bound to their poll: another poll's cursor, or an edited one, is a 400, not a page.
        Assert.NotNull(firstCursor);
        var foreign = await host.Http.GetReplyAsync($"/api/polls/{anon}/votes?limit=3&cursor={firstCursor}", key);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_error"), (foreign.Status, foreign.ErrorCode));
        var edited = firstCursor[..^2] + (firstCursor[^2] == 'A' ? 'B' : 'A') + firstCursor[^1];
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetReplyAsync($"/api/polls/{named}/votes?limit=3&cursor={edited}", key)).Status);

        var anonVotes = await host.Http.GetReplyAsync($"/api/polls/{anon}/votes?limit=100", key);
        Assert.Equal(7, anonVotes.Json["votes"]!.AsArray().Count);
        Assert.All(anonVotes.Json["votes"]!.AsArray(), v => Assert.Null(v!["voter"]));
        Assert.DoesNotContain("person-", anonVotes.Json.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetReplyAsync($"/api/polls/{named}/votes?cursor=garbage", key)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync($"/api/polls/{named}/votes")).Status);
    }

    private async Task<(HttpStatusCode, string?)> StatusOf(string path)
    {
        var reply = await host.Http.GetReplyAsync(path);
        return (reply.Status, reply.ErrorCode);
    }

    private async Task<string> ClosedTokenAsync(string pollId) => await host.Http.EmbedTokenAsync(pollId);
}
