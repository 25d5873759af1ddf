using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The hosted panelist page follows the survey's logic as the server decides it, page by page (<see cref="LogicSurvey"/>):
/// the hidden field in the page's own URL reaches the session (and its piped text shows as text), only the questions the
/// path shows are asked, progress follows the path, and each of the four endings (a branch to a later page then completion,
/// an end rule, a disqualify rule, a redirect rule) ends as the contract says; afterwards the Account family holds only the
/// answers on each path, and the results count only those.
/// </summary>
public sealed class PanelistLogicTests(BrowserFixture browser) : EmbedTestBase(browser)
{
    [Fact]
    public async Task Panelists_reach_each_of_the_four_endings_and_only_answers_on_their_path_are_kept_and_counted()
    {
        var landing = Browser.Site.LandingFor("panel-logic-redirect");
        var survey = await Owner.CreateStartedSurveyAsync(LogicSurvey.Body(Unique("Panel logic"), landing));
        var run = Guid.NewGuid().ToString("N")[..8];

        // A developer with a low score: page 2 asks the languages, the score jumps over page 3 to the complaint.
        var developer = await OpenAsync(survey, "dev-" + run);
        await Expect(developer.Locator("#progress-label")).ToHaveTextAsync("Page 1 of 4");
        await developer.GetByLabel("Developer", new() { Exact = true }).CheckAsync();
        await NextAsync(developer, "Next");
        await Expect(developer.Locator("#progress-label")).ToHaveTextAsync("Page 2 of 4");
        await Expect(developer.Locator("legend").Nth(1)).ToHaveTextAsync(LogicSurvey.ScoreText("Developer") + "(required)");
        Assert.Equal(0, await developer.Locator("#questions b").CountAsync());
        await developer.GetByLabel("C#", new() { Exact = true }).CheckAsync();
        await developer.GetByLabel("2", new() { Exact = true }).CheckAsync();
        await Screenshots.TakeAsync(developer, "panelist-logic-piped");
        await NextAsync(developer, "Next");
        await Expect(developer.Locator("#progress-label")).ToHaveTextAsync("Page 3 of 3");
        await Expect(developer.Locator("legend")).ToHaveTextAsync(["What went wrong?", "Any last words?"]);
        await developer.GetByLabel("What went wrong?").FillAsync("Too slow");
        await developer.GetByLabel("Any last words?").FillAsync("Bye");
        await NextAsync(developer, "Submit");
        await Expect(developer.Locator("#completion p")).ToHaveTextAsync("Thanks for completing!");

        // A manager: no languages asked, and the end rule makes page 2 the last.
        var manager = await OpenAsync(survey, "mgr-" + run);
        await manager.GetByLabel("Manager", new() { Exact = true }).CheckAsync();
        await NextAsync(manager, "Next");
        await Expect(manager.Locator("#progress-label")).ToHaveTextAsync("Page 2 of 2");
        await Expect(manager.Locator("legend")).ToHaveTextAsync([LogicSurvey.ScoreText("Manager") + "(required)"]);
        await manager.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await NextAsync(manager, "Submit");
        await Expect(manager.Locator("#completion p")).ToHaveTextAsync("Thanks for completing!");

        // A student is disqualified by rule, told so (the survey has no disqualification page).
        var student = await OpenAsync(survey, "student-" + run);
        await student.GetByLabel("Student", new() { Exact = true }).CheckAsync();
        await NextAsync(student, "Next");
        await Expect(student.Locator("#status")).ToHaveTextAsync(LogicSurvey.NotQualified);
        await Expect(student.Locator("#completion")).ToBeHiddenAsync();

        // Other: the redirect rule's URL, exactly, on the other site.
        var other = await OpenAsync(survey, "other-" + run);
        await other.GetByLabel("Other", new() { Exact = true }).CheckAsync();
        await NextAsync(other, "Next");
        await other.WaitForURLAsync(landing);
        await Expect(other.Locator("#landing")).ToHaveTextAsync("panel-logic-redirect");

        LogicSurvey.AssertSession(await Owner.RespondentAsync("dev-" + run), false,
            ("role", "Developer"), ("tools", "C#"), ("score", "2"), ("complaint", "Too slow"), ("final", "Bye"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync("mgr-" + run), false, ("role", "Manager"), ("score", "4"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync("student-" + run), true, ("role", "Student"));
        LogicSurvey.AssertSession(await Owner.RespondentAsync("other-" + run), false, ("role", "Other"));
        LogicSurvey.AssertResults(await Owner.SurveyResultsOnceAggregatedAsync(survey, 3));
    }

    /// <summary>The panelist's hosted page, with the hidden field in its URL as a panel would add it.</summary>
    private async Task<IPage> OpenAsync(string survey, string panelistId)
    {
        var url = (await Owner.PanelistAsync(survey, panelistId))["panelist"]!["hostedResponseUrl"]!.GetValue<string>();
        return await (await NewVisitorAsync()).OpenAsync(url + "&hidden%5Bsource%5D=" + Uri.EscapeDataString(LogicSurvey.Source));
    }

    /// <summary>Sends the page with its button, which says "Next" or, on the path's last page, "Submit".</summary>
    private static Task NextAsync(IPage page, string button) => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
}
