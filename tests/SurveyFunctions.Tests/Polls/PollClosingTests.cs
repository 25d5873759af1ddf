using System.Net;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Polls;

/// <summary>Time windows, the closing job and token expiry, driven by a test clock instead of sleeping.</summary>
public sealed class PollClosingTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task Votes_outside_the_window_are_refused_and_the_timer_closes_at_ends_at()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var ending = await host.Http.CreatePublishedPollAsync(key,
            new { ends_at = now.AddMinutes(10).ToString("O"), close_message = "Closed for good." });
        var future = await host.Http.CreatePublishedPollAsync(key, new { starts_at = now.AddDays(1).ToString("O") });
        var token = await host.Http.EmbedTokenAsync(ending);

        var notYet = await host.Http.VoteAsync(future, await host.Http.EmbedTokenAsync(future), "early", "opt_1");
        Assert.Equal((HttpStatusCode.Forbidden, "poll_closed"), (notYet.Status, notYet.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(ending, token, "in-time", "opt_1")).Status);

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        // Refused at once, before the closing job has run.
        var late = await host.Http.VoteAsync(ending, await host.Http.EmbedTokenAsync(ending), "too-late", "opt_1");
        Assert.Equal((HttpStatusCode.Forbidden, "poll_closed"), (late.Status, late.ErrorCode));
        Assert.Equal("Closed for good.", late.Json["error"]!["message"]!.GetValue<string>());
        Assert.Null((await host.Http.GetReplyAsync($"/api/polls/{ending}", key)).Json["closed_at"]);

        var closed = await host.Get<PollCloser>().RunAsync(CancellationToken.None);
        Assert.True(closed >= 1);
        var poll = (await host.Http.GetReplyAsync($"/api/polls/{ending}", key)).Json;
        Assert.Equal("ends_at", poll["close_reason"]!.GetValue<string>());
        Assert.Equal(poll["ends_at"]!.GetValue<string>(), poll["closed_at"]!.GetValue<string>());
        Assert.Null((await host.Http.GetReplyAsync($"/api/polls/{future}", key)).Json["closed_at"]);

        // A second run finds nothing more to close.
        Assert.Equal(0, await host.Get<PollCloser>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_poll_created_with_ends_at_in_the_past_is_refused_and_then_closed()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { ends_at = "2020-01-01T00:00:00Z" });
        var vote = await host.Http.VoteAsync(id, await host.Http.EmbedTokenAsync(id), "x", "opt_1");
        Assert.Equal("poll_closed", vote.ErrorCode);

        await host.Get<PollCloser>().RunAsync(CancellationToken.None);
        var poll = (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json;
        Assert.Equal("ends_at", poll["close_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Moving_ends_at_later_reopens_a_poll_closed_by_the_timer()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var id = await host.Http.CreatePublishedPollAsync(key, new { ends_at = now.AddMinutes(-1).ToString("O") });
        await host.Get<PollCloser>().RunAsync(CancellationToken.None);
        Assert.Equal("ends_at", (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json["close_reason"]!.GetValue<string>());

        var reopened = await host.Http.PatchReplyAsync($"/api/polls/{id}", new { ends_at = now.AddDays(2).ToString("O") }, key);
        Assert.Null(reopened.Json["closed_at"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, await host.Http.EmbedTokenAsync(id), "again", "opt_2")).Status);
    }

    [Fact]
    public async Task Embed_tokens_expire_after_30_minutes()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        var reply = await host.Http.VoteAsync(id, token, "slow", "opt_1");
        Assert.Equal((HttpStatusCode.Forbidden, "invalid_token"), (reply.Status, reply.ErrorCode));
        Assert.Contains("expired", reply.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
