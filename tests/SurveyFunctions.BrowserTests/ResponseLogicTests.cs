using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The page behind a survey response's link shows the whole survey (<see cref="LogicSurvey"/>) as one form and follows its
/// logic live: a question appears when its display condition comes to hold and disappears (its answer no longer sent) when
/// it stops holding, pages skipped by a branch or after an ending rule disappear, piped texts follow the answers and show
/// the offer's hidden field as text. Each of the four endings ends as the contract says; afterwards the Account family
/// holds only the answers on each path, and the results count only those.
/// </summary>
public sealed class ResponseLogicTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    private const string Send = "Send my answers";

    [Fact]
    public async Task Responders_see_the_logic_live_reach_each_of_the_four_endings_and_only_answers_on_their_path_are_kept_and_counted()
    {
        var landing = Browser.Site.LandingFor("response-logic-redirect");
        var survey = await Owner.CreateStartedSurveyAsync(LogicSurvey.Body(Unique("Response logic"), landing));

        var (developerId, developer) = await OpenAsync(survey);
        await DeveloperChangesTheirScoreAsync(developer);
        await Expect(developer.Locator("#completion p")).ToHaveTextAsync("Thanks for completing!");

        var (managerId, manager) = await OpenAsync(survey);
        await ManagerWasFirstADeveloperAsync(manager);
        await Expect(manager.Locator("#completion p")).ToHaveTextAsync("Thanks for completing!");

        // A student: the disqualify rule hides every later page; the session ends disqualified.
        var (studentId, student) = await OpenAsync(survey);
        await student.GetByLabel("Student", new() { Exact = true }).CheckAsync();
        await Expect(Part(student, 1)).ToBeHiddenAsync();
        await Expect(student.Locator("section h2").First).ToHaveTextAsync("Your answers");
        await student.GetByRole(AriaRole.Button, new() { Name = Send }).ClickAsync();
        await Expect(student.Locator("#status")).ToHaveTextAsync(LogicSurvey.NotQualified);

        // Other: the redirect rule's URL, which the server gives once the session has ended.
        var (otherId, other) = await OpenAsync(survey);
        await other.GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await Expect(Part(other, 1)).ToBeHiddenAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = Send }).ClickAsync();
        await other.WaitForURLAsync(landing);
        await Expect(other.Locator("#landing")).ToHaveTextAsync("response-logic-redirect");

        LogicSurvey.AssertSession(await Owner.RespondentAsync(developerId), false,
            ("role", "Developer"), ("tools", "C#"), ("score", "2"), ("complaint", "Too slow"), ("final", "Bye"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync(managerId), false, ("role", "Manager"), ("score", "4"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync(studentId), true, ("role", "Student"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync(otherId), false, ("role", "Other"));
        LogicSurvey.AssertResults(await Owner.SurveyResultsOnceAggregatedAsync(survey, 3));
    }

    /// <summary>
    /// A developer: the languages question appears with the role; a score of 4 shows page 3, answered; then a score of 2 jumps
    /// over it to the complaint, which appears. Page 3's answer, hidden now, is sent as skipped.
    /// </summary>
    private static async Task DeveloperChangesTheirScoreAsync(IPage page)
    {
        await Expect(Question(page, "Which languages do you use?")).ToBeHiddenAsync();
        await Expect(Question(page, "What went wrong?")).ToBeHiddenAsync();
        await Expect(Question(page, "Any last words?")).ToBeVisibleAsync();
        await Expect(page.Locator("section h2")).ToHaveTextAsync(["Part 1 of 4", "Part 2 of 4", "Part 3 of 4", "Part 4 of 4"]);
        await Expect(Legend(page, 1, 1)).ToHaveTextAsync(LogicSurvey.ScoreText("") + "(required)");

        await page.GetByLabel("Developer", new() { Exact = true }).CheckAsync();
        await Expect(Question(page, "Which languages do you use?")).ToBeVisibleAsync();
        await Expect(Legend(page, 1, 1)).ToHaveTextAsync(LogicSurvey.ScoreText("Developer") + "(required)");
        Assert.Equal(0, await page.Locator("#questions b").CountAsync());
        await page.GetByLabel("C#", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Anything else?").FillAsync("All good");
        await Screenshots.TakeAsync(page, "response-logic-before");

        await page.GetByLabel("2", new() { Exact = true }).CheckAsync();
        await Expect(Part(page, 2)).ToBeHiddenAsync();
        await Expect(Question(page, "What went wrong?")).ToBeVisibleAsync();
        await Expect(page.Locator("section:not([hidden]) h2")).ToHaveTextAsync(["Part 1 of 3", "Part 2 of 3", "Part 3 of 3"]);
        await page.GetByLabel("What went wrong?").FillAsync("Too slow");
        await page.GetByLabel("Any last words?").FillAsync("Bye");
        await Screenshots.TakeAsync(page, "response-logic-after");

        var sent = await SendAsync(page);
        Assert.Equal("skipped", await SentTypeAsync(page, sent, "Anything else?"));
        Assert.Equal("open_ended", await SentTypeAsync(page, sent, "What went wrong?"));
    }

    /// <summary>
    /// A respondent who picks Developer, ticks a language, then switches to Manager: the languages question disappears and its
    /// answer is sent as skipped; the manager's end rule hides pages 3 and 4 (no low score to jump over it).
    /// </summary>
    private static async Task ManagerWasFirstADeveloperAsync(IPage page)
    {
        await page.GetByLabel("Developer", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Go", new() { Exact = true }).CheckAsync();
        await Expect(Part(page, 2)).ToBeVisibleAsync();
        await page.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await Expect(Question(page, "Which languages do you use?")).ToBeHiddenAsync();
        await Expect(Legend(page, 1, 1)).ToHaveTextAsync(LogicSurvey.ScoreText("Manager") + "(required)");
        await Expect(Part(page, 2)).ToBeHiddenAsync();
        await Expect(Part(page, 3)).ToBeHiddenAsync();
        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await Expect(page.Locator("section:not([hidden]) h2")).ToHaveTextAsync(["Part 1 of 2", "Part 2 of 2"]);

        var sent = await SendAsync(page);
        Assert.Equal("skipped", await SentTypeAsync(page, sent, "Which languages do you use?"));
        Assert.Equal("rating_scale", await SentTypeAsync(page, sent, "As a Manager"));
    }

    /// <summary>A new response offered with the hidden field, opened through its link; returns the responder (the Account
    /// family's external id) and the page.</summary>
    private async Task<(string Responder, IPage Page)> OpenAsync(string survey)
    {
        var responder = Random.Shared.NextInt64(1_000_000, 9_000_000);
        var offer = (await Owner.OfferResponseAsync(survey, responder, "en-us", new JsonObject { ["source"] = LogicSurvey.Source }))["survey_response"]!;
        var page = await (await NewVisitorAsync()).OpenAsync(new Uri(Browser.ApiBase, offer["links"]!["url_path"]!.GetValue<string>()).ToString());
        await Expect(Part(page, 0)).ToBeVisibleAsync();
        return (responder.ToString(CultureInfo.InvariantCulture), page);
    }

    private static ILocator Part(IPage page, int index) => page.Locator($"section[data-page='{index}']");

    private static ILocator Legend(IPage page, int part, int question) => Part(page, part).Locator("legend").Nth(question);

    private static ILocator Question(IPage page, string text) => page.Locator("fieldset").Filter(new() { HasText = text });

    /// <summary>Sends the form; returns the answers the page submitted.</summary>
    private static async Task<JsonArray> SendAsync(IPage page)
    {
        var request = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = Send }).ClickAsync(),
            r => r.Method == "POST" && r.Url.Contains("/api/v2/guide/survey_responses/", StringComparison.Ordinal));
        return JsonNode.Parse(request.PostData!)!["survey_response"]!["answers"]!.AsArray();
    }

    /// <summary>The type the page sent for the question whose text contains <paramref name="text"/>.</summary>
    private static async Task<string> SentTypeAsync(IPage page, JsonArray sent, string text)
    {
        var id = await Question(page, text).GetAttributeAsync("data-question-id");
        return sent.Single(a => a!["question_id"]!.GetValue<string>() == id)!["type"]!.GetValue<string>();
    }
}
