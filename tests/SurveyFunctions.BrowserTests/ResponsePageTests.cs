using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The page behind a survey response's links as a responder uses it in Chromium: a rating link records its rating at once
/// (and a reload counts nothing twice), then the rest of the survey is answered; afterwards the Responses, Account and
/// results APIs say what was answered, and a responder who changes their answers (another rating link, the form again)
/// moves the counts with them. The survey's complete_html shows rendered with its scripts inert; a disqualifying answer
/// sends the responder to the survey's disqualification page; a German link speaks German, shows what is missing, and a
/// bad link gets a clear page.
/// </summary>
public sealed class ResponsePageTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private const string CommentQuestion = "What could we do <b>better</b>?";

    private static JsonObject RatingSurvey(string name, JsonObject? settings = null) => new()
    {
        ["name"] = name,
        ["settings"] = settings ?? new JsonObject(),
        ["pages"] = new JsonArray(
            new JsonObject
            {
                ["questions"] = new JsonArray(new JsonObject
                {
                    ["identifier"] = "csat",
                    ["type"] = "rating",
                    ["question"] = "How did we do?",
                    ["required"] = true,
                    ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5, ["labels"] = new JsonObject { ["1"] = "Poor", ["5"] = "Great" } },
                }),
            },
            new JsonObject { ["questions"] = new JsonArray(new JsonObject { ["identifier"] = "better", ["type"] = "text",
                ["question"] = CommentQuestion }) }),
    };

    [Fact]
    public async Task A_rating_link_records_the_rating_then_the_rest_is_answered_and_the_tenant_sees_it()
    {
        var title = Unique("Support <i>feedback</i>");
        var survey = await Owner.CreateStartedSurveyAsync(RatingSurvey(title));
        var responder = Random.Shared.NextInt64(1_000_000, 9_000_000);
        var offer = (await Owner.OfferResponseAsync(survey, responder, "en-us"))["survey_response"]!;
        var id = offer["id"]!.GetValue<string>();
        var link = offer["links"]!["rating_links"]!.AsArray().Single(l => l!["rating"]!.GetValue<int>() == 4)!["url_path"]!.GetValue<string>();

        var page = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, link).ToString());

        // The rating is recorded on arrival, and the link's rating leaves the address bar (a reload does not send it again).
        await Expect(page.Locator("#note")).ToHaveTextAsync("Thank you, your rating is recorded. You can tell us more below.");
        await Expect(page.GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();
        Assert.DoesNotContain("rating=", page.Url, StringComparison.Ordinal);
        Assert.Contains("access_token=", page.Url, StringComparison.Ordinal);
        var recorded = (await Owner.ShowResponseAsync("en-us", id))["survey_response"]!["answers"]!.AsArray();
        Assert.Equal(4, recorded[0]!["rating"]!.GetValue<int>());
        Assert.Equal("skipped", recorded[1]!["type"]!.GetValue<string>());

        // Survey text shows as text, never as markup, in the survey's language.
        await Expect(page.Locator("#title")).ToHaveTextAsync(title);
        await Expect(page.GetByText(CommentQuestion)).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#questions b").CountAsync());
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await Expect(page.Locator("h2").First).ToHaveTextAsync("Part 1 of 2");
        await Screenshots.TakeAsync(page, "response-rating-recorded");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel(CommentQuestion).FillAsync("Reply <b>faster</b> — ✓");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Thank you! Your answers have been recorded.");
        await Screenshots.TakeAsync(page, "response-completed");

        // The Account family's respondent (the responder id is its external id) holds one completed session with both answers.
        var session = Assert.Single((await Owner.RespondentAsync(responder.ToString(CultureInfo.InvariantCulture)))["sessions"]!.AsArray())!;
        Assert.True(session["is_completed"]!.GetValue<bool>());
        Assert.Equal(["4", "Reply <b>faster</b> — ✓"], session["answers"]!.AsArray().Select(a => a!["answer"]!.GetValue<string>()));

        // The results count the response once, its rating once and its comment once, after aggregation.
        var results = await Owner.SurveyResultsOnceAggregatedAsync(survey, 1);
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!);
        Assert.Equal(1, questions["csat"]["answers"]!.GetValue<long>());
        Assert.Equal([0L, 0L, 0L, 1L, 0L], questions["csat"]["values"]!.AsArray().Select(v => v!["count"]!.GetValue<long>()));
        Assert.Equal(1, questions["better"]["answers"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_responder_who_changes_their_mind_moves_the_counts_with_another_rating_link_or_the_form()
    {
        var survey = await Owner.CreateStartedSurveyAsync(RatingSurvey(Unique("Second thoughts")));
        var offer = (await Owner.OfferResponseAsync(survey, Random.Shared.NextInt64(1_000_000, 9_000_000), "en-us"))["survey_response"]!;
        string LinkFor(int rating) => new Uri(Browser.ApiBase,
            offer["links"]!["rating_links"]!.AsArray().Single(l
                => l!["rating"]!.GetValue<int>() == rating)!["url_path"]!.GetValue<string>()).ToString();
        var visitor = await NewVisitorAsync();

        // The 4 from the e-mail, then the 2 from the same e-mail: the response's one rating moves from 4 to 2.
        var page = await visitor.OpenAsync(LinkFor(4));
        await Expect(page.Locator("#note")).ToHaveTextAsync("Thank you, your rating is recorded. You can tell us more below.");
        page = await visitor.OpenAsync(LinkFor(2));
        await Expect(page.Locator("#note")).ToHaveTextAsync("Thank you, your rating is recorded. You can tell us more below.");
        await Expect(page.GetByLabel("2", new() { Exact = true })).ToBeCheckedAsync();
        await AssertCountsAsync(survey, [0, 1, 0, 0, 0], comments: 0);

        // The form: "Great" and a comment; then the comment emptied again (sent as skipped), the rating kept.
        await page.GetByLabel("Great", new() { Exact = true }).CheckAsync();
        await page.GetByLabel(CommentQuestion).FillAsync("On second thought, fine.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Thank you! Your answers have been recorded.");
        await AssertCountsAsync(survey, [0, 0, 0, 0, 1], comments: 1);

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Great", new() { Exact = true })).ToBeCheckedAsync();
        await page.GetByLabel(CommentQuestion).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Thank you! Your answers have been recorded.");
        await AssertCountsAsync(survey, [0, 0, 0, 0, 1], comments: 0);
        await Screenshots.TakeAsync(page, "response-changed");
    }

    /// <summary>The survey's results (one response, aggregated): its rating counts per value 1–5 and how many comments.</summary>
    private async Task AssertCountsAsync(string survey, long[] ratings, long comments)
    {
        var results = await Owner.SurveyResultsOnceAggregatedAsync(survey, 1);
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!);
        Assert.Equal(ratings, questions["csat"]["values"]!.AsArray().Select(v => v!["count"]!.GetValue<long>()));
        Assert.Equal(ratings.Sum(), questions["csat"]["answers"]!.GetValue<long>());
        Assert.Equal(comments, questions["better"]["answers"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_german_link_speaks_german_shows_what_is_missing_and_a_bad_link_gets_a_clear_page()
    {
        var survey = await Owner.CreateStartedSurveyAsync(RatingSurvey(Unique("Plain link")));
        var offer = (await Owner.OfferResponseAsync(survey, Random.Shared.NextInt64(1_000_000, 9_000_000), "de"))["survey_response"]!;
        var page = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, offer["links"]!["url_path"]!.GetValue<string>()).ToString());

        // The page's own words are German; the survey's text stays in its own language (English), marked as such.
        await Expect(page.Locator("h2").First).ToHaveTextAsync("Teil 1 von 2");
        Assert.Equal("de", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("en", await page.Locator("legend").First.GetAttributeAsync("lang"));
        Assert.Equal("de", await page.Locator("legend .required").First.GetAttributeAsync("lang"));
        await Expect(page.Locator("legend").First).ToHaveTextAsync("How did we do?(Pflichtfrage)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Antworten senden" }).ClickAsync();
        await Expect(page.Locator("#errors")).ToHaveTextAsync("Bitte prüfen Sie Ihre Antworten. Zu korrigierende Fragen: 1.");
        await Expect(page.Locator(".field-error").First).ToHaveTextAsync("Bitte beantworten Sie diese Frage.");
        Assert.Empty((await Owner.ShowResponseAsync("en", offer["id"]!.GetValue<string>()))["survey_response"]!["answers"]!.AsArray());
        await Screenshots.TakeAsync(page, "response-de-validation");

        await page.GetByLabel("Great", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Antworten senden" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Vielen Dank! Ihre Antworten wurden gespeichert.");
        await Screenshots.TakeAsync(page, "response-de-thanks");

        var bad = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase,
            $"/hc/en-us/survey_responses/{offer["id"]!.GetValue<string>()}?access_token=not-a-token&rating=5").ToString());
        await Expect(bad.Locator("#status")).ToHaveTextAsync("This survey link is not valid or has expired. Ask the sender for a new link.");
        Assert.Equal("en", await bad.Locator("html").GetAttributeAsync("lang"));
        await Screenshots.TakeAsync(bad, "response-bad-link");
    }

    [Fact]
    public async Task A_responder_sees_the_surveys_complete_html_rendered_and_nothing_in_it_runs()
    {
        const string html = "<h2>Thanks, <em>really</em>!</h2><p>More on <a href=\"https://example.com/more\" onclick=\"window.ran = 'click'\">our site</a>"
            + " and <a href=\"javascript:window.ran = 'href'\">not here</a>.</p><script>window.ran = 'script'</script>"
            + "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" onerror=\"window.ran = 'onerror'\" onload=\"window.ran = 'onload'\" alt=\"logo\">"
            + "<img src=\"javascript:window.ran = 'src'\"><iframe srcdoc=\"<script>parent.ran = 'frame'</script>\"></iframe>"
            + "<style>body { display: none }</style><form action=\"https://example.com\"><button>Go</button></form>";
        var survey = await Owner.CreateStartedSurveyAsync(RatingSurvey(Unique("Thanks page"), new JsonObject { ["complete_html"] = html }));
        var offer = (await Owner.OfferResponseAsync(survey, Random.Shared.NextInt64(1_000_000, 9_000_000), "en-us"))["survey_response"]!;
        var link = new Uri(Browser.ApiBase, offer["links"]!["url_path"]!.GetValue<string>()).ToString();

        // As served, under the page's Content-Security-Policy; then once more with the policy taken off the page, so that
        // nothing running is down to the allowlist alone, not to the policy blocking what it let through.
        foreach (var withPolicy in new[] { true, false })
        {
            var visitor = await NewVisitorAsync();
            if (!withPolicy)
                await visitor.Context.RouteAsync("**/hc/*/survey_responses/**", WithoutPolicyAsync);
            await visitor.Context.AddInitScriptAsync("window.violations = []; document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));");
            var page = await visitor.OpenAsync(link);
            await page.GetByLabel("Great", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

            var completion = page.Locator("#completion");
            await Expect(completion.Locator("h2")).ToHaveTextAsync("Thanks, really!");
            await Expect(completion.Locator("em")).ToHaveTextAsync("really");
            await Expect(completion.Locator("a").First).ToHaveAttributeAsync("href", "https://example.com/more");
            Assert.Null(await completion.Locator("a").Nth(1).GetAttributeAsync("href"));
            await Expect(completion.Locator("img")).ToHaveCountAsync(1);
            await Expect(completion.Locator("img")).ToHaveAttributeAsync("alt", "logo");
            await Expect(completion.Locator("script, iframe, style, form, button, [onclick], [onerror], [onload], [style]")).ToHaveCountAsync(0);
            await Expect(page.Locator("#form")).ToBeHiddenAsync();
            await Expect(page.Locator("body")).ToBeVisibleAsync();
            await completion.Locator("a").Nth(1).ClickAsync();
            await completion.Locator("img").DispatchEventAsync("error");
            Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.ran"));
            // Under the policy, Chromium reports the handler attributes as it parses them into the inert document (nothing
            // runs there); it reports nothing else: no script, frame, style, form or image was put in the page to block.
            var violations = await page.EvaluateAsync<string[]>("() => window.violations");
            Assert.All(violations, v => Assert.Equal("script-src-attr", v));
            // Without it, nothing is reported: the policy really was off for the second run.
            if (!withPolicy)
                Assert.Empty(violations);
            if (withPolicy)
                await Screenshots.TakeAsync(page, "response-complete-html");
        }
    }

    /// <summary>Serves the page as the host does, minus its Content-Security-Policy header.</summary>
    private static async Task WithoutPolicyAsync(IRoute route)
    {
        var response = await route.FetchAsync();
        var headers = response.Headers.Where(h => !h.Key.Equals("content-security-policy", StringComparison.OrdinalIgnoreCase)).ToDictionary();
        await route.FulfillAsync(new() { Response = response, Headers = headers });
    }

    [Fact]
    public async Task A_disqualifying_answer_sends_the_responder_to_the_surveys_disqualification_page()
    {
        var landing = Browser.Site.LandingFor("screened-out");
        var survey = await Owner.CreateStartedSurveyAsync(SurveyBodies.Screener(Unique("Screener"),
            new JsonObject { ["redirect_url_disqualified"] = landing, ["complete_html"] = "<p>Not for the screened out.</p>" }));
        var responder = Random.Shared.NextInt64(1_000_000, 9_000_000);
        var offer = (await Owner.OfferResponseAsync(survey, responder, "en"))["survey_response"]!;
        var page = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, offer["links"]!["url_path"]!.GetValue<string>()).ToString());

        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        await page.WaitForURLAsync(landing);
        await Expect(page.Locator("#landing")).ToHaveTextAsync("screened-out");
        await Screenshots.TakeAsync(page, "response-disqualified");
        var session = Assert.Single((await Owner.RespondentAsync(responder.ToString(CultureInfo.InvariantCulture)))["sessions"]!.AsArray())!;
        Assert.True(session["is_disqualified"]!.GetValue<bool>());
    }
}
