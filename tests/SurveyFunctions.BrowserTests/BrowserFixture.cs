using Microsoft.Playwright;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// Everything the browser tests share, started once: a private Azurite, the standalone host over it (as the integration
/// tests start it, through <see cref="InProcessHost"/>), the customer's site on another origin, a tenant owning the
/// polls, and Debian's chromium driven by Playwright. Each test opens its own browser contexts: a context is a fresh
/// profile (its own localStorage), so two contexts are two visitors.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package; scripts/test.sh installs it. Playwright's own browser downloads are never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-component-update",
            "--disable-sync"];

    private AzuriteInstance? _storage;
    private InProcessHost? _host;
    private ForeignSite? _site;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private OwnerApi? _owner;

    /// <summary>The API host's clock: a test moves it forward to expire embed tokens without waiting.</summary>
    public TestClock Clock { get; } = new();

    public Uri ApiBase => _host!.BaseAddress;

    public ForeignSite Site => _site!;

    public OwnerApi Owner => _owner!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (`apt-get install -y chromium`; scripts/test.sh does it).");
        // The driver must never fetch browsers; nothing here calls `playwright install` either.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

        _storage = await AzuriteInstance.StartAsync();
        _host = await InProcessHost.StartAsync(_storage, Clock);
        _site = await ForeignSite.StartAsync(_host.BaseAddress);
        _owner = await OwnerApi.CreateTenantAsync(_host.BaseAddress);
        _playwright = await Playwright.CreateAsync();
        // Launch (not a persistent context) gives every run a fresh temporary user data dir, removed on close.
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 30_000,
        });
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    /// <summary>A new visitor: a browser context with its own storage. Uncaught script errors on its pages fail the test.</summary>
    public async Task<Visitor> NewVisitorAsync()
    {
        var context = await _browser!.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 760 }, Locale = "en-US" });
        context.SetDefaultTimeout(10_000);
        return new Visitor(context);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
        _owner?.Dispose();
        if (_site is not null)
            await _site.DisposeAsync();
        if (_host is not null)
            await _host.DisposeAsync();
        if (_storage is not null)
            await _storage.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OneBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
