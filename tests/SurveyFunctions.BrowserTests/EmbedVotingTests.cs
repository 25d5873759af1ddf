using System.Text.RegularExpressions;

namespace SurveyFunctions.BrowserTests;

/// <summary>Voting from the customer's page, and what the visitor and the poll's owner see afterwards.</summary>
public sealed partial class EmbedVotingTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private const string Thanks = "Thank you, your vote was counted.";
    private const string AlreadyVoted = "You have already voted on this poll.";

    [Fact]
    public async Task A_vote_from_another_origin_counts_shows_results_and_is_remembered_after_a_reload()
    {
        var title = Unique("Which feature next?");
        var id = await Owner.CreatePollAsync(title, ["Dark mode", "Mobile app"], new { anonymous = false });

        var first = await NewVisitorAsync();
        var page = await first.OpenAsync(Browser.Site.PageFor([id]));
        var poll = PollEmbed.Titled(page, title);
        await poll.VoteAsync("Mobile app");
        await Expect(poll.Status).ToHaveTextAsync(Thanks);
        await Expect(poll.Results).ToContainTextAsync("1 vote");
        await Expect(poll.ResultRow("Mobile app")).ToContainTextAsync("1 vote (100%)");
        await Expect(poll.ResultRow("Dark mode")).ToContainTextAsync("0 votes (0%)");
        await Expect(poll.Radios).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "after-vote");

        // The owner sees the vote, cast under the random id this browser keeps in localStorage.
        var voter = await page.EvaluateAsync<string>("() => localStorage.getItem('surveyfunctions.voter')");
        Assert.Matches(Uuid(), voter);
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 0, ["opt_2"] = 1 }, await Owner.CountsOnceAggregatedAsync(id, 1));
        Assert.Equal(["opt_2"], (await Owner.VotesAsync(id))[voter]);

        await PublicResultsSnapshotExpiryAsync();
        await page.ReloadAsync();
        await Expect(poll.Status).ToHaveTextAsync(AlreadyVoted);
        await Expect(poll.ResultRow("Mobile app")).ToContainTextAsync("1 vote (100%)");
        await Expect(poll.VoteButton).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "already-voted-after-reload");

        // Another browser (its own localStorage) is another voter, and counts.
        var second = await NewVisitorAsync();
        var otherPage = await second.OpenAsync(Browser.Site.PageFor([id]));
        var samePoll = PollEmbed.Titled(otherPage, title);
        await samePoll.VoteAsync("Dark mode");
        await Expect(samePoll.Status).ToHaveTextAsync(Thanks);
        await Expect(samePoll.Results).ToContainTextAsync("2 votes");
        await Expect(samePoll.ResultRow("Dark mode")).ToContainTextAsync("1 vote (50%)");

        var otherVoter = await otherPage.EvaluateAsync<string>("() => localStorage.getItem('surveyfunctions.voter')");
        Assert.NotEqual(voter, otherVoter);
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 1 }, await Owner.CountsOnceAggregatedAsync(id, 2));
        Assert.Equal(["opt_1"], (await Owner.VotesAsync(id))[otherVoter]);
    }

    [Fact]
    public async Task A_second_vote_from_the_same_browser_is_refused_with_a_clear_message()
    {
        var title = Unique("Tabs or spaces?");
        var id = await Owner.CreatePollAsync(title, ["Tabs", "Spaces"]);
        var visitor = await NewVisitorAsync();
        var firstTab = PollEmbed.Titled(await visitor.OpenAsync(Browser.Site.PageFor([id])), title);
        var secondTabPage = await visitor.OpenAsync(Browser.Site.PageFor([id]));
        var secondTab = PollEmbed.Titled(secondTabPage, title);

        await firstTab.VoteAsync("Tabs");
        await Expect(firstTab.Status).ToHaveTextAsync(Thanks);
        // The second tab was opened before the vote, so it still offers the form: the API refuses the second vote.
        await secondTab.VoteAsync("Spaces");
        await Expect(secondTab.Status).ToHaveTextAsync(AlreadyVoted);
        await Expect(secondTab.VoteButton).ToHaveCountAsync(0);
        // Results as a voter sees them; their numbers come from the public snapshot (up to a second old), so the exact
        // counts are checked with the owner below.
        await Expect(secondTab.ResultRow("Tabs")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(secondTabPage, "second-vote-refused");

        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(id, 1));
    }

    [Fact]
    public async Task A_multiple_choice_poll_takes_several_options_and_asks_for_at_least_one()
    {
        var title = Unique("Which languages do you use?");
        var id = await Owner.CreatePollAsync(title, ["C#", "JavaScript", "Rust"], new { allow_multiple = true });
        var page = await OpenAsync(id);
        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.Checkboxes).ToHaveCountAsync(3);
        await Expect(poll.Radios).ToHaveCountAsync(0);

        await poll.VoteButton.ClickAsync();
        await Expect(poll.Status).ToHaveTextAsync("Choose at least one option.");

        await poll.VoteAsync("C#", "Rust");
        await Expect(poll.Status).ToHaveTextAsync(Thanks);
        await Expect(poll.ResultRow("C#")).ToContainTextAsync("1 vote (100%)");
        await Expect(poll.ResultRow("Rust")).ToContainTextAsync("1 vote (100%)");
        await Expect(poll.ResultRow("JavaScript")).ToContainTextAsync("0 votes (0%)");
        await Screenshots.TakeAsync(page, "multiple-choice");

        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0, ["opt_3"] = 1 }, await Owner.CountsOnceAggregatedAsync(id, 1));
    }

    /// <summary>Two embeds on one page, with opposite result settings: each follows its own poll, and voting in one leaves the other alone.</summary>
    [Fact]
    public async Task Results_show_only_as_each_poll_allows_and_embeds_on_one_page_are_independent()
    {
        var hidden = Unique("Results never shown");
        var hiddenId = await Owner.CreatePollAsync(hidden, ["Yes", "No"], new { show_results_before_vote = false, show_results_after_vote = false });
        var open = Unique("Results always shown");
        var openId = await Owner.CreatePollAsync(open, ["Cats", "Dogs"], new { show_results_before_vote = true, show_results_after_vote = true });
        var page = await OpenAsync(hiddenId, openId);
        var hiddenPoll = PollEmbed.Titled(page, hidden);
        var openPoll = PollEmbed.Titled(page, open);

        await Expect(openPoll.Results).ToContainTextAsync("0 votes");
        await Expect(hiddenPoll.VoteButton).ToBeVisibleAsync();
        await Expect(hiddenPoll.Results).ToBeHiddenAsync();

        await hiddenPoll.VoteAsync("Yes");
        await Expect(hiddenPoll.Status).ToHaveTextAsync(Thanks);
        await Expect(hiddenPoll.Results).ToBeHiddenAsync();
        await Expect(openPoll.VoteButton).ToBeEnabledAsync();
        await Expect(openPoll.Status).ToBeHiddenAsync();

        await openPoll.VoteAsync("Dogs");
        await Expect(openPoll.Status).ToHaveTextAsync(Thanks);
        await Expect(openPoll.ResultRow("Dogs")).ToContainTextAsync("1 vote (100%)");
        await Screenshots.TakeAsync(page, "two-embeds-results-settings");
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 1, ["opt_2"] = 0 }, await Owner.CountsOnceAggregatedAsync(hiddenId, 1));
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 0, ["opt_2"] = 1 }, await Owner.CountsOnceAggregatedAsync(openId, 1));

        await PublicResultsSnapshotExpiryAsync();
        await page.ReloadAsync();
        await Expect(hiddenPoll.Status).ToHaveTextAsync(AlreadyVoted);
        await Expect(hiddenPoll.Results).ToBeHiddenAsync();
        await Expect(openPoll.Status).ToHaveTextAsync(AlreadyVoted);
        await Expect(openPoll.ResultRow("Dogs")).ToContainTextAsync("1 vote (100%)");
    }

    [Fact]
    public async Task Voting_works_with_the_keyboard_alone()
    {
        var title = Unique("Favourite colour?");
        var id = await Owner.CreatePollAsync(title, ["Red", "Green", "Blue"]);
        var page = await OpenAsync(id);
        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.VoteButton).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#site-button")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(poll.Option("Red")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(poll.Option("Green")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(poll.Option("Green")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(poll.VoteButton).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(poll.Status).ToHaveTextAsync(Thanks);
        // Focus moves from the removed form to the status line, where a screen reader goes on reading.
        await Expect(poll.Status).ToBeFocusedAsync();
        Assert.Equal(new Dictionary<string, long> { ["opt_1"] = 0, ["opt_2"] = 1, ["opt_3"] = 0 }, await Owner.CountsOnceAggregatedAsync(id, 1));
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid();
}
