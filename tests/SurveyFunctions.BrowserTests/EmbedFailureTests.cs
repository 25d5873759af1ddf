using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// Votes that cannot go through: the poll changed while the page was open (each of the Polls family's refusals, as the
/// real API gives them), an expired embed token, and a network or service failure. The visitor is always told why,
/// and keeps the form whenever trying again can work.
/// </summary>
public sealed class EmbedFailureTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    [Fact]
    public async Task Changes_made_while_the_page_is_open_are_explained_when_the_visitor_votes()
    {
        var closed = Unique("Closed while open");
        var closedId = await Owner.CreatePollAsync(closed, ["A", "B"], new { close_message = "Closed early: thanks for your interest!" });
        var unpublished = Unique("Unpublished while open");
        var unpublishedId = await Owner.CreatePollAsync(unpublished, ["A", "B"]);
        var deleted = Unique("Deleted while open");
        var deletedId = await Owner.CreatePollAsync(deleted, ["A", "B"]);
        var edited = Unique("Option removed while open");
        var editedId = await Owner.CreatePollAsync(edited, ["A", "B", "C"]);
        var page = await OpenAsync(closedId, unpublishedId, deletedId, editedId);
        foreach (var title in new[] { closed, unpublished, deleted, edited })
            await Expect(PollEmbed.Titled(page, title).VoteButton).ToBeVisibleAsync();

        await Owner.ChangePollAsync(closedId, new { closed = true });
        await Owner.ChangePollAsync(unpublishedId, new { published = false });
        await Owner.DeletePollAsync(deletedId);
        await Owner.ChangePollAsync(editedId, new { options = new[] { new { id = "opt_1", label = "A" }, new { id = "opt_2", label = "B" } } });

        await VoteAndExpectAsync(page, closed, "Closed early: thanks for your interest!", formKept: false);
        await VoteAndExpectAsync(page, unpublished, "This poll is not open for voting.", formKept: false);
        await VoteAndExpectAsync(page, deleted, "This poll could not be found.", formKept: false);
        await VoteAndExpectAsync(page, edited, "This poll has changed since the page was opened. Reload the page to vote.", formKept: true,
            option: "C");
        await Screenshots.TakeAsync(page, "changed-while-open");

        var poll = PollEmbed.Titled(page, edited);
        await poll.VoteAsync("A");
        await Expect(poll.Status).ToHaveTextAsync("Thank you, your vote was counted.");
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(editedId, 1));
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 0, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(closedId, 0));
    }

    [Fact]
    public async Task An_embed_token_that_expired_while_the_page_was_open_is_renewed_and_the_vote_counts()
    {
        var title = Unique("Left open for an hour");
        var id = await Owner.CreatePollAsync(title, ["Yes", "No"]);
        var visitor = await NewVisitorAsync();
        var tokens = 0;
        var firstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        visitor.Context.Response += (_, response) =>
        {
            if (response.Url.EndsWith($"/api/polls/{id}/token", StringComparison.Ordinal) && response.Ok)
            {
                Interlocked.Increment(ref tokens);
                firstToken.TrySetResult();
            }
        };
        var page = await visitor.OpenAsync(Browser.Site.PageFor([id]));
        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.VoteButton).ToBeVisibleAsync();
        // The embed fetches its token as soon as it shows the form.
        await firstToken.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // The server's clock moves past the token's 30 minutes; the page's clock does not, so it sends the old token.
        Browser.Clock.Advance(TimeSpan.FromMinutes(31));
        await poll.VoteAsync("Yes");
        await Expect(poll.Status).ToHaveTextAsync("Thank you, your vote was counted.");
        Assert.Equal(2, Volatile.Read(ref tokens));
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(id, 1));
    }

    [Fact]
    public async Task A_network_failure_a_busy_service_or_a_rate_limit_is_explained_and_the_visitor_can_try_again()
    {
        var title = Unique("Flaky connection");
        var id = await Owner.CreatePollAsync(title, ["Yes", "No"]);
        var page = await OpenAsync(id);
        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.VoteButton).ToBeVisibleAsync();
        var vote = $"**/api/polls/{id}/vote";

        await page.RouteAsync(vote, route => route.Request.Method == "POST" ? route.AbortAsync("connectionrefused") : route.ContinueAsync());
        await poll.VoteAsync("Yes");
        await Expect(poll.Status).ToHaveTextAsync("Could not reach the poll service. Check your connection and try again.");
        await Expect(poll.VoteButton).ToBeEnabledAsync();
        await page.UnrouteAsync(vote);

        // Storage cannot be taken down from a browser, so the test's route answers as the API does when it is (503 storage_unavailable).
        await page.RouteAsync(vote, route => route.Request.Method == "POST"
            ? route.FulfillAsync(new()
            {
                Status = 503,
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
                Body = """{"error":{"code":"storage_unavailable","message":"Storage is temporarily unavailable; retry later."}}""",
            })
            : route.ContinueAsync());
        await poll.VoteButton.ClickAsync();
        await Expect(poll.Status).ToHaveTextAsync("The poll service is busy right now. Please try again in a moment.");
        await Expect(poll.VoteButton).ToBeEnabledAsync();
        await Screenshots.TakeAsync(page, "service-busy");
        await page.UnrouteAsync(vote);

        // The browser-test host runs without rate limits (all its visitors are 127.0.0.1), so the route answers as the API
        // does past a limit (429 rate_limited with Retry-After; the real reply is checked in RateLimitTests).
        await page.RouteAsync(vote, route => route.Request.Method == "POST"
            ? route.FulfillAsync(new()
            {
                Status = 429,
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*", ["Retry-After"] = "1" },
                Body = """{"error":{"code":"rate_limited","message":"Too many requests from your network address: at most 300 per 60 seconds. Retry after 1 second."}}""",
            })
            : route.ContinueAsync());
        await poll.VoteButton.ClickAsync();
        await Expect(poll.Status).ToHaveTextAsync("Too many requests are coming from your network right now. Please wait a minute and try again.");
        await Expect(poll.VoteButton).ToBeEnabledAsync();
        await page.UnrouteAsync(vote);

        await poll.VoteButton.ClickAsync();
        await Expect(poll.Status).ToHaveTextAsync("Thank you, your vote was counted.");
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(id, 1));
    }

    private static async Task VoteAndExpectAsync(IPage page, string title, string message, bool formKept, string option = "A")
    {
        var poll = PollEmbed.Titled(page, title);
        await poll.VoteAsync(option);
        await Expect(poll.Status).ToHaveTextAsync(message);
        await Expect(poll.Status).ToHaveClassAsync("status error");
        await Expect(poll.VoteButton).ToHaveCountAsync(formKept ? 1 : 0);
    }
}
