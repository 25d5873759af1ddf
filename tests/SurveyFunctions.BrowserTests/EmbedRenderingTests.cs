namespace SurveyFunctions.BrowserTests;

/// <summary>What a visitor sees before voting: the poll itself on a hostile page, and clear errors where there is no poll.</summary>
public sealed class EmbedRenderingTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private const string SiteStyles = """
        () => ['#site-title', '#site-text', '#site-button', '#site-footer'].map(selector => {
          const s = getComputedStyle(document.querySelector(selector));
          return [selector, s.display, s.color, s.backgroundColor, s.fontFamily, s.fontSize, s.letterSpacing, s.borderTopWidth].join(' ');
        }).join('\n')
        """;

    [Fact]
    public async Task The_poll_renders_from_another_origin_inside_a_shadow_root_the_pages_css_cannot_reach()
    {
        var title = Unique("What should we build next?");
        var id = await Owner.CreatePollAsync(title, ["Dark mode", "Mobile app", "API improvements"],
            new { description = "Help us prioritise our roadmap" });
        var visitor = await NewVisitorAsync();
        var page = await visitor.OpenAsync(Browser.Site.PageFor([id]));
        Assert.NotEqual(Browser.ApiBase.Host, new Uri(page.Url).Host);

        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.Group).ToBeVisibleAsync();
        await Expect(poll.Root.GetByText("Help us prioritise our roadmap")).ToBeVisibleAsync();
        await Expect(poll.Radios).ToHaveCountAsync(3);
        foreach (var label in new[] { "Dark mode", "Mobile app", "API improvements" })
            await Expect(poll.Option(label)).ToBeVisibleAsync();
        await Expect(poll.VoteButton).ToBeEnabledAsync();
        await Expect(poll.Results).ToBeHiddenAsync();

        // The page's rules (31px magenta uppercase fantasy, display:none on every part, on the element itself) stop at the shadow root.
        var host = await poll.Root.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.display, s.visibility, s.opacity].join(' '); }");
        Assert.Equal("block visible 1", host);
        var legend = await poll.Root.Locator("legend").EvaluateAsync<string>("e => { const s = getComputedStyle(e); return [s.display, s.fontSize, s.color, s.textTransform].join(' '); }");
        Assert.Equal("block 17.25px rgb(31, 35, 40) none", legend);
        await Screenshots.TakeAsync(page, "rendered-under-hostile-css");

        // Nothing of the embed's leaks out: the page's own elements look exactly as they do without it, no style sheet
        // was added to the document, and no global variable either.
        var alone = await visitor.OpenAsync(Browser.Site.PageFor([id], embed: false));
        Assert.Equal(await alone.EvaluateAsync<string>(SiteStyles), await page.EvaluateAsync<string>(SiteStyles));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.styleSheets.length + document.adoptedStyleSheets.length"));
        const string globals = "() => Object.keys(window).sort().join(' ')";
        Assert.Equal(await alone.EvaluateAsync<string>(globals), await page.EvaluateAsync<string>(globals));
    }

    [Fact]
    public async Task Titles_labels_and_descriptions_are_shown_as_text_never_run_as_html()
    {
        const string markup = "<img src=x onerror=\"window.pwned = true\"> & <b>bold</b>";
        var title = Unique("Markup " + markup);
        var id = await Owner.CreatePollAsync(title, [markup, "Plain"], new { description = markup, show_results_before_vote = true });
        var page = await OpenAsync(id);

        var poll = PollEmbed.Titled(page, title);
        await Expect(poll.Root.Locator("legend")).ToHaveTextAsync(title);
        await Expect(poll.Root.GetByText(markup, new() { Exact = true })).ToHaveCountAsync(3);
        await Expect(poll.Option(markup)).ToBeVisibleAsync();
        await Expect(poll.ResultRow(markup)).ToContainTextAsync("0 votes (0%)");
        Assert.Equal(0, await poll.Root.EvaluateAsync<int>("e => e.shadowRoot.querySelectorAll('img, b').length"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === true"));
    }

    [Fact]
    public async Task An_unknown_poll_a_draft_and_a_tag_without_data_poll_each_say_so_clearly()
    {
        var draft = await Owner.CreatePollAsync(Unique("Not published yet"), ["A", "B"], publish: false);
        var visitor = await NewVisitorAsync();
        var page = await visitor.OpenAsync(Browser.Site.PageFor(["poll_doesnotexist", draft], bareTag: true));

        await Expect(PollEmbed.At(page, 0).Status).ToHaveTextAsync("This poll could not be found.");
        await Expect(PollEmbed.At(page, 1).Status).ToHaveTextAsync("This poll could not be found.");
        await Expect(PollEmbed.At(page, 2).Status).ToHaveTextAsync("This poll cannot be shown: its script tag has no data-poll attribute.");
        for (var i = 0; i < 3; i++)
        {
            await Expect(PollEmbed.At(page, i).VoteButton).ToHaveCountAsync(0);
            await Expect(PollEmbed.At(page, i).Status).ToHaveClassAsync("status error");
        }
        await Screenshots.TakeAsync(page, "unknown-draft-and-bare-tag");
    }

    [Fact]
    public async Task A_closed_poll_shows_its_close_message_and_no_form()
    {
        var withMessage = Unique("Closed with a message");
        var withMessageId = await Owner.CreatePollAsync(withMessage, ["A", "B"], new { close_message = "Voting has ended. Thanks for taking part!" });
        var plain = Unique("Closed without one");
        var plainId = await Owner.CreatePollAsync(plain, ["A", "B"]);
        await Owner.ChangePollAsync(withMessageId, new { closed = true });
        await Owner.ChangePollAsync(plainId, new { closed = true });

        var page = await OpenAsync(withMessageId, plainId);
        await Expect(PollEmbed.Titled(page, withMessage).Status).ToHaveTextAsync("Voting has ended. Thanks for taking part!");
        await Expect(PollEmbed.Titled(page, plain).Status).ToHaveTextAsync("This poll is closed.");
        foreach (var title in new[] { withMessage, plain })
        {
            await Expect(PollEmbed.Titled(page, title).Radios).ToHaveCountAsync(0);
            await Expect(PollEmbed.Titled(page, title).VoteButton).ToHaveCountAsync(0);
        }
        await Screenshots.TakeAsync(page, "closed");
    }
}
