using System.Net;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// What both respondent pages (the panelist page and the response page) must be over HTTP, checked one way for both:
/// served with headers that keep the link's key out of referrers and caches under the strict policy, the same shell around
/// each page's own parts, and a script that parses, carries the shared helpers and string table, and has no markup sink.
/// (That both pages echo nothing from their URLs is one theory over both: RespondentPagesTests.)
/// </summary>
public static class RespondentPageChecks
{
    /// <summary>The policy, whole: only this origin's script and fetches, no inline script, no eval, no frames, no plugins.</summary>
    public const string StrictPolicy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly string[] MarkupSinks = ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
        "srcdoc"];

    /// <summary>Fetches a page and checks what every respondent page is; returns its HTML.</summary>
    public static async Task<string> AssertPageAsync(HttpClient http, string path, string scriptPath)
    {
        using var response = await http.GetAsync(path);
        var html = await ReadAsync(response, "text/html");

        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(StrictPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains($"<script src=\"{scriptPath}\" defer></script>", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<script"));
        foreach (var part in new[] { "role=\"alert\"", "id=\"form\"", "id=\"completion\"", "id=\"status\"", "data-text=\"loading\"" })
            Assert.Contains(part, html, StringComparison.Ordinal);
        // The slots of the shared shell are all filled.
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Fetches a page's script and checks what every respondent page script is; returns it.</summary>
    public static async Task<string> AssertScriptAsync(HttpClient http, string path, string name)
    {
        using var response = await http.GetAsync(path);
        var script = await ReadAsync(response, "text/javascript");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("var SurveyPageStrings = {", script, StringComparison.Ordinal);
        Assert.Contains("var SurveyPage = (function () {", script, StringComparison.Ordinal);
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        // complete_html is rebuilt from an inert parse, never assigned as markup.
        Assert.Contains("new DOMParser().parseFromString(", script, StringComparison.Ordinal);
        foreach (var sink in MarkupSinks)
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        // Only http(s) redirects are followed (never javascript: URLs from a survey's settings).
        Assert.Contains("target.protocol === 'https:' || target.protocol === 'http:'", script, StringComparison.Ordinal);
        await ScriptSyntax.AssertParsesAsync(script, name);
        return script;
    }

    private static async Task<string> ReadAsync(HttpResponseMessage response, string mediaType)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
