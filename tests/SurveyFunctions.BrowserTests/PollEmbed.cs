using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// One embedded poll on a page, found as a person (or a screen reader) finds it: by its role and accessible name.
/// Playwright's locators reach into the open shadow root; the page's own selectors cannot.
/// </summary>
public sealed class PollEmbed(ILocator root)
{
    public const string Tag = "surveyfunctions-poll";

    public ILocator Root => root;

    /// <summary>The embed whose legend (the poll's title) is <paramref name="title"/>.</summary>
    public static PollEmbed Titled(IPage page, string title) =>
        new(page.Locator(Tag, new() { Has = page.Locator("legend", new() { HasTextString = title }) }));

    /// <summary>The <paramref name="index"/>-th embed on the page, in document order.</summary>
    public static PollEmbed At(IPage page, int index) => new(page.Locator(Tag).Nth(index));

    public ILocator Group => root.GetByRole(AriaRole.Group);

    public ILocator Status => root.GetByRole(AriaRole.Status);

    public ILocator Results => root.GetByRole(AriaRole.Region, new() { Name = "Results" });

    public ILocator VoteButton => root.GetByRole(AriaRole.Button, new() { Name = "Vote" });

    public ILocator Radios => root.GetByRole(AriaRole.Radio);

    public ILocator Checkboxes => root.GetByRole(AriaRole.Checkbox);

    public ILocator Option(string label) => root.GetByLabel(label, new() { Exact = true });

    /// <summary>The results row of one option: its label, count and share, e.g. "Mobile app1 vote (100%)".</summary>
    public ILocator ResultRow(string label) => Results.GetByRole(AriaRole.Listitem).Filter(new() { HasTextString = label });

    public async Task VoteAsync(params string[] labels)
    {
        foreach (var label in labels)
            await Option(label).CheckAsync();
        await VoteButton.ClickAsync();
    }
}
