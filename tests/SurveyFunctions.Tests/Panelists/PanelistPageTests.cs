using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Panelists;

/// <summary>
/// The hosted page behind <c>hostedResponseUrl</c>, over HTTP (the browser tests answer it in Chromium): it is served at the
/// URL the tenant is given with the checks every respondent page passes (<see cref="RespondentPageChecks"/>; that it echoes
/// nothing from its URL: <see cref="RespondentPages.RespondentPagesTests"/>), and its script calls the panelist endpoints the other tests
/// exercise and applies the survey's ending in the survey's language.
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
