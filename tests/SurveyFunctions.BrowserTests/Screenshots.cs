using Microsoft.Playwright;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.BrowserTests;

/// <summary>Screenshots kept as test artifacts in tests/SurveyFunctions.BrowserTests/TestResults/screenshots (git-ignored).</summary>
public static class Screenshots
{
    public static readonly string Folder = Path.Combine(AzuriteInstance.FindRepoRoot(), "tests", "SurveyFunctions.BrowserTests", "TestResults",
        "screenshots");

    public static Task TakeAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
}
