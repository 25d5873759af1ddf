using Microsoft.Playwright;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// The browser tests' common ground: the shared fixture, unique poll titles (one tenant owns every poll), visitors
/// closed after each test, and no uncaught script error on any page a test opened.
/// </summary>
[Collection(OneBrowser.Name)]
public abstract class EmbedTestBase(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<Visitor> _visitors = [];

    protected BrowserFixture Browser => browser;

    protected OwnerApi Owner => browser.Owner;

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    /// <summary>
    /// Public results are a snapshot shared by all readers and up to a second old (PollTally); only the vote's own reply
    /// is guaranteed to include the vote. A test that reloads to see its vote in the public results waits that second
    /// out first, as a person reloading a moment later would.
    /// </summary>
    protected static Task PublicResultsSnapshotExpiryAsync() => Task.Delay(TimeSpan.FromSeconds(1.2));

    protected static string Unique(string title) => $"{title} #{Guid.NewGuid().ToString("N")[..6]}";

    protected async Task<Visitor> NewVisitorAsync()
    {
        var visitor = await browser.NewVisitorAsync();
        _visitors.Add(visitor);
        return visitor;
    }

    /// <summary>A new visitor opening the customer's page with these polls embedded.</summary>
    protected async Task<IPage> OpenAsync(params string[] pollIds) => await (await NewVisitorAsync()).OpenAsync(browser.Site.PageFor(pollIds));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var visitor in _visitors)
            await visitor.Context.CloseAsync();
        Assert.Empty(_visitors.SelectMany(v => v.ScriptErrors));
    }
}
