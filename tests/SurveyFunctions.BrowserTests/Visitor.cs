using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// One person's browser (a Playwright context: its own localStorage). Its pages record uncaught script errors, which
/// <see cref="EmbedTestBase"/> checks after every test: the embed must never throw on a customer's page.
/// </summary>
public sealed class Visitor(IBrowserContext context)
{
    private readonly List<string> _scriptErrors = [];

    public IBrowserContext Context => context;

    public IReadOnlyList<string> ScriptErrors
    {
        get { lock (_scriptErrors) { return [.. _scriptErrors]; } }
    }

    public async Task<IPage> OpenAsync(string url)
    {
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => { lock (_scriptErrors) { _scriptErrors.Add(error); } };
        var response = await page.GotoAsync(url);
        Assert.True(response?.Ok, $"{url} answered {response?.Status}");
        return page;
    }
}
