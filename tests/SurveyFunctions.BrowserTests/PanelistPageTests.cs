using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The hosted panelist page (<c>hostedResponseUrl</c>) as a person uses it in Chromium: the survey page by page with its
/// validation messages and progress, the survey's completion HTML (rendered, its script inert) or its redirect to another
/// site, coming back after finishing, and "Not now"; and afterwards what the tenant's APIs say (the Panelists family's
/// counters, the Account family's respondent).
/// </summary>
public sealed class PanelistPageTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private static JsonObject TwoPageSurvey(string name, JsonObject? settings = null) => new()
    {
        ["name"] = name,
        ["settings"] = settings ?? new JsonObject { ["complete_html"] = "<h2>Thanks for your time!</h2><script>window.hacked = true</script>" },
        ["pages"] = new JsonArray(
            new JsonObject
            {
                ["questions"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "single_choice",
                        ["question"] = "Do you use <b>our</b> product?",
                        ["required"] = true,
                        ["options"] = new JsonArray(new JsonObject { ["label"] = "Yes" }, new JsonObject { ["label"] = "No" }),
                    },
                    new JsonObject { ["type"] = "rating", ["question"] = "How satisfied are you?", ["required"] = true,
                        ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 5 } }),
            },
            new JsonObject { ["questions"] = new JsonArray(new JsonObject { ["type"] = "text", ["question"] = "Anything else?" }) }),
    };

    [Fact]
    public async Task A_panelist_answers_the_survey_page_by_page_and_the_tenant_sees_it()
    {
        var title = Unique("Quarterly <i>check</i>");
        var survey = await Owner.CreateStartedSurveyAsync(TwoPageSurvey(title));
        var panelistId = "browser-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();

        var page = await (await NewVisitorAsync()).OpenAsync(url);

        // Survey text shows as text, never as markup.
        await Expect(page.Locator("#title")).ToHaveTextAsync(title);
        await Expect(page.GetByText("Do you use <b>our</b> product?")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#questions b").CountAsync());
        await Expect(page.Locator("#progress-label")).ToHaveTextAsync("Page 1 of 2");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));

        // Nothing answered: the page says what is missing, next to each question.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.Locator("#errors")).ToContainTextAsync("Please check your answers");
        await Expect(page.Locator(".field-error").First).ToHaveTextAsync("This question needs an answer.");
        await Screenshots.TakeAsync(page, "panelist-validation");

        await AnswerBothPagesAsync(page);

        // The survey's complete_html, its markup rendered and its script gone.
        await Expect(page.Locator("#completion h2")).ToHaveTextAsync("Thanks for your time!");
        Assert.Equal(0, await page.Locator("#completion script").CountAsync());
        await Expect(page.Locator("#status")).ToBeHiddenAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => window.hacked === true"));
        await Screenshots.TakeAsync(page, "panelist-completed");

        var access = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!;
        Assert.False(access["canRespond"]!.GetValue<bool>());
        Assert.Equal(1, access["sessionCount"]!.GetValue<int>());
        Assert.NotNull(access["activityMostRecentUnixTs"]);
        var session = Assert.Single((await Owner.RespondentAsync(panelistId))["sessions"]!.AsArray())!;
        Assert.True(session["is_completed"]!.GetValue<bool>());
        Assert.Equal(["Yes", "4", "Keep the <script> out — ✓"], session["answers"]!.AsArray().Select(a => a!["answer"]!.GetValue<string>()));

        // The same link again: already answered.
        var again = await (await NewVisitorAsync()).OpenAsync(url);
        await Expect(again.Locator("#status")).ToHaveTextAsync("You have already answered this survey. Thank you!");
    }

    [Fact]
    public async Task A_panelist_who_completes_lands_on_the_surveys_redirect_url_on_another_site()
    {
        var landing = Browser.Site.LandingFor("panel-complete");
        var survey = await Owner.CreateStartedSurveyAsync(TwoPageSurvey(Unique("Redirecting"), new JsonObject
        {
            ["redirect_type"] = "url",
            ["redirect_url"] = landing,
            ["complete_html"] = "<p>Not shown: the redirect wins.</p>",
        }));
        var panelistId = "redirected-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();

        var page = await (await NewVisitorAsync()).OpenAsync(url);
        await AnswerBothPagesAsync(page);

        // The URL exactly as the survey has it (nothing appended), on the panel's own origin.
        await page.WaitForURLAsync(landing);
        await Expect(page.Locator("#landing")).ToHaveTextAsync("panel-complete");
        await Screenshots.TakeAsync(page, "panelist-redirected");
        var session = Assert.Single((await Owner.RespondentAsync(panelistId))["sessions"]!.AsArray())!;
        Assert.True(session["is_completed"]!.GetValue<bool>());
        Assert.False(session["is_disqualified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_disqualified_panelist_without_a_disqualification_url_is_told_they_do_not_qualify()
    {
        // The completion page is for those who complete; a disqualified panelist does not see it.
        var survey = await Owner.CreateStartedSurveyAsync(SurveyBodies.Screener(Unique("Screener"),
            new JsonObject { ["complete_html"] = "<p>Thanks for completing!</p>" }));
        var panelistId = "screened-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();

        var page = await (await NewVisitorAsync()).OpenAsync(url);
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();

        await Expect(page.Locator("#status")).ToHaveTextAsync("Thank you for your time. You do not qualify for this survey, so it ends here.");
        await Expect(page.Locator("#completion")).ToBeHiddenAsync();
        await Screenshots.TakeAsync(page, "panelist-not-qualified");
        var session = Assert.Single((await Owner.RespondentAsync(panelistId))["sessions"]!.AsArray())!;
        Assert.True(session["is_disqualified"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_panelist_picks_the_surveys_language_and_the_page_speaks_it()
    {
        var survey = await Owner.CreateStartedSurveyAsync(new JsonObject
        {
            ["name"] = Unique("Zweisprachig"),
            ["languages"] = new JsonArray("de", "fr"),
            ["pages"] = new JsonArray(new JsonObject
            {
                ["questions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "single_choice",
                    ["required"] = true,
                    ["question"] = new JsonObject { ["de"] = "Nutzen Sie unser Produkt?", ["fr"] = "Utilisez-vous notre produit ?" },
                    ["options"] = new JsonArray(
                        new JsonObject { ["label"] = new JsonObject { ["de"] = "Ja", ["fr"] = "Oui" } },
                        new JsonObject { ["label"] = new JsonObject { ["de"] = "Nein", ["fr"] = "Non" } }),
                }),
            }),
        });
        var url = (await Owner.PanelistAsync(survey,
            "bilingual-" + Guid.NewGuid().ToString("N")[..8]))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();

        // The browser speaks English, which the survey does not: the page asks, in the survey's default language.
        var page = await (await NewVisitorAsync()).OpenAsync(url);
        await Expect(page.Locator("legend").First).ToHaveTextAsync("Sprache wählen(Pflichtfrage)");
        await page.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "français" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Weiter" }).ClickAsync();

        await Expect(page.GetByText("Utilisez-vous notre produit ?")).ToBeVisibleAsync();
        Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
        await Expect(page.Locator("#progress-label")).ToHaveTextAsync("Page 1 sur 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(page.Locator(".field-error").First).ToHaveTextAsync("Cette question nécessite une réponse.");
        await page.GetByLabel("Oui", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer" }).ClickAsync();
        await Expect(page.Locator("#status")).ToHaveTextAsync("Merci ! Vos réponses ont été enregistrées.");
        await Screenshots.TakeAsync(page, "panelist-fr-thanks");
    }

    [Fact]
    public async Task Not_now_records_the_dismissal_and_a_bad_link_gets_a_clear_page()
    {
        var survey = await Owner.CreateStartedSurveyAsync(TwoPageSurvey(Unique("Dismissable")));
        var panelistId = "dismisser-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();

        var page = await (await NewVisitorAsync()).OpenAsync(url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Not now" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("No problem");
        Assert.NotNull((await Owner.PanelistAsync(survey, panelistId))["panelist"]!["dismissedMostRecentUnixTs"]);

        var bad = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase,
            "/app/panelist/vote/?key=abcdefghij0123456789:" + new string('A', 43)).ToString());
        await Expect(bad.Locator("#status")).ToHaveTextAsync("This survey link is not valid or has expired. Ask the sender for a new link.");
        await Screenshots.TakeAsync(bad, "panelist-bad-link");
    }

    [Fact]
    public async Task A_panelist_past_a_rate_limit_is_told_to_wait_not_that_something_broke()
    {
        var survey = await Owner.CreateStartedSurveyAsync(TwoPageSurvey(Unique("Busy network")));
        var url = (await Owner.PanelistAsync(survey,
            "limited-" + Guid.NewGuid().ToString("N")[..8]))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();
        var visitor = await NewVisitorAsync();
        // The browser-test host runs without rate limits (all its visitors are 127.0.0.1), so the route answers as the API
        // does past the panelist limit (429 in the Panelists envelope; the real reply is checked in RateLimitTests).
        await visitor.Context.RouteAsync("**/app/panelist/api/session", route => route.FulfillAsync(new()
        {
            Status = 429,
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
            Body = """{"error":"rate_limited","message":"Too many requests with this panelist key: at most 60 per 60 seconds. Retry after 30 seconds."}""",
        }));

        var page = await visitor.OpenAsync(url);

        await Expect(page.Locator("#status")).ToHaveTextAsync("Too many requests are coming from your network right now. Please wait a minute and try again.");
    }

    private static async Task AnswerBothPagesAsync(IPage page)
    {
        await page.GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(page.Locator("#progress-label")).ToHaveTextAsync("Page 2 of 2");
        await page.GetByLabel("Anything else?").FillAsync("Keep the <script> out — ✓");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
    }
}
