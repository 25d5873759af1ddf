using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Panelists;

/// <summary>
/// The hosted page behind <c>hostedResponseUrl</c>, over HTTP (the browser tests answer it in Chromium): it is served at the URL the tenant is
/// given, echoes nothing from its URL, keeps the key out of referrers and caches, allows only its own script, and that script
/// parses, calls the panelist endpoints the other tests exercise, and puts survey text in with <c>textContent</c> only.
/// </summary>
public sealed class PanelistPageTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task The_hosted_response_url_serves_the_page_with_protective_headers()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var access = await host.Http.GetPanelistAsync(key, survey.Uuid(), "page-visitor");
        var url = new Uri(access.Json["panelist"]!["hostedResponseUrl"]!.GetValue<string>());

        using var response = await host.Http.GetAsync(url.PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/app/panelist/vote.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"dismiss\"", html, StringComparison.Ordinal);
        Assert.Contains("<progress", html, StringComparison.Ordinal);
        // The page is static: the key in its URL is never written into it.
        Assert.DoesNotContain(url.Query.TrimStart('?')[4..], html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/panelist/vote/?key=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/app/panelist/vote?key=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("/app/panelist/vote/")]
    public async Task Any_key_or_none_gets_the_same_static_page(string path)
    {
        using var plain = await host.Http.GetAsync("/app/panelist/vote/?key=abc");
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(await plain.Content.ReadAsStringAsync(), html);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_script_parses_calls_the_panelist_endpoints_and_never_writes_markup()
    {
        using var response = await host.Http.GetAsync("/app/panelist/vote.js");
        var script = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("'/app/panelist/api/'", script, StringComparison.Ordinal);
        foreach (var call in new[] { "call('session'", "call('submit-page'", "call('dismiss')" })
            Assert.Contains(call, script, StringComparison.Ordinal);
        Assert.Contains("'X-Panelist-Key': key", script, StringComparison.Ordinal);
        Assert.Contains("textContent", script, StringComparison.Ordinal);
        foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function" })
            Assert.DoesNotContain(sink, script, StringComparison.Ordinal);
        // Only http(s) redirects are followed (never javascript: URLs from a survey's settings).
        Assert.Contains("target.protocol === 'https:' || target.protocol === 'http:'", script, StringComparison.Ordinal);
        await ScriptSyntax.AssertParsesAsync(script, "vote");
    }
}
