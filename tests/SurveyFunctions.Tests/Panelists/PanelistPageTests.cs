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

        var html = await RespondentPageChecks.AssertPageAsync(host.Http, url.PathAndQuery, "/app/panelist/vote.js");

        Assert.Contains("id=\"dismiss\"", html, StringComparison.Ordinal);
        Assert.Contains("<progress", html, StringComparison.Ordinal);
        // The page is static: the key in its URL is never written into it.
        Assert.DoesNotContain(url.Query.TrimStart('?')[4..], html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/app/panelist/vote/?key=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("/app/panelist/vote?key=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("/app/panelist/vote/")]
    public Task Any_key_or_none_gets_the_same_static_page(string path) =>
        RespondentPageChecks.AssertSameStaticPageAsync(host.Http, "/app/panelist/vote/?key=abc", path);

    [Fact]
    public async Task The_script_parses_calls_the_panelist_endpoints_and_never_writes_markup()
    {
        var script = await RespondentPageChecks.AssertScriptAsync(host.Http, "/app/panelist/vote.js", "vote");

        Assert.Contains("'/app/panelist/api/'", script, StringComparison.Ordinal);
        foreach (var call in new[] { "call('session'", "call('submit-page'", "call('dismiss')" })
            Assert.Contains(call, script, StringComparison.Ordinal);
        Assert.Contains("{ 'X-Panelist-Key': key }", script, StringComparison.Ordinal);
        // The survey's ending is applied on its two finishing statuses, in the survey's language.
        Assert.Contains("P.finish(reply.completion, reply.status === 'terminated')", script, StringComparison.Ordinal);
        Assert.Contains("P.useLanguage(reply.survey.language)", script, StringComparison.Ordinal);
    }
}
