using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The page behind a survey response's links as a responder uses it in Chromium: a rating link records its rating at once
/// (and a reload counts nothing twice), then the rest of the survey is answered; afterwards the Responses, Account and
/// results APIs say what was answered, and a responder who changes their answers (another rating link, the form again)
/// moves the counts with them. A plain link's form shows what is missing; a bad link gets a clear page.
/// </summary>
public sealed class ResponsePageTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private const string CommentQuestion = "What could we do <b>better</b>?";

    private static JsonObject RatingSurvey(string name) => new()
    {
        ["name"] = name,
        ["pages"] = new JsonArray(
            new JsonObject
            {
                ["questions"] = new JsonArray(new JsonObject
                {
                    ["identifier"] = "csat", ["type"] = "rating", ["question"] = "How did we do?", ["required"] = true,
                    ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5, ["labels"] = new JsonObject { ["1"] = "Poor", ["5"] = "Great" } },
                }),
            },
            new JsonObject { ["questions"] = new JsonArray(new JsonObject { ["identifier"] = "better", ["type"] = "text", ["question"] = CommentQuestion }) }),
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
        string LinkFor(int rating) => new Uri(Browser.ApiBase, offer["links"]!["rating_links"]!.AsArray().Single(l => l!["rating"]!.GetValue<int>() == rating)!["url_path"]!.GetValue<string>()).ToString();
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
    public async Task A_plain_link_shows_what_is_missing_and_a_bad_link_gets_a_clear_page()
    {
        var survey = await Owner.CreateStartedSurveyAsync(RatingSurvey(Unique("Plain link")));
        var offer = (await Owner.OfferResponseAsync(survey, Random.Shared.NextInt64(1_000_000, 9_000_000), "de"))["survey_response"]!;
        var page = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, offer["links"]!["url_path"]!.GetValue<string>()).ToString());

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.Locator("#errors")).ToHaveTextAsync("Please check your answers: 1 need attention.");
        await Expect(page.Locator(".field-error").First).ToHaveTextAsync("This question needs an answer.");
        Assert.Empty((await Owner.ShowResponseAsync("en", offer["id"]!.GetValue<string>()))["survey_response"]!["answers"]!.AsArray());
        await Screenshots.TakeAsync(page, "response-validation");

        await page.GetByLabel("Great", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Thank you! Your answers have been recorded.");

        var bad = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, $"/hc/en-us/survey_responses/{offer["id"]!.GetValue<string>()}?access_token=not-a-token&rating=5").ToString());
        await Expect(bad.Locator("#status")).ToHaveTextAsync("This survey link is not valid or has expired. Ask the sender for a new link.");
        await Screenshots.TakeAsync(bad, "response-bad-link");
    }
}
