using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// The page behind a response's links and the read it shows the survey from, over HTTP (the browser test answers it in
/// Chromium): the links' <c>url_path</c> serves the page with the checks every respondent page passes
/// (<see cref="RespondentPageChecks"/>; that it echoes nothing from its URL: <see cref="RespondentPages.RespondentPagesTests"/>); the form read
/// gives the survey's pages of questions in the locale with the answers given, the survey's ending and how the session
/// ended, and refuses a bad token as the other reads do.
/// </summary>
public sealed class ResponsePageTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task The_links_serve_the_page_with_protective_headers()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (_, token, body) = await host.Http.CreateResponseAsync(key, survey.Uuid, 7, ["zen:ticket:1"], "en-us");
        var links = body["survey_response"]!["links"]!;
        var paths = new[] { links["url_path"]!.GetValue<string>() }.Concat(links["rating_links"]!.AsArray().Select(l
            => l!["url_path"]!.GetValue<string>()));

        foreach (var path in paths)
        {
            var html = await RespondentPageChecks.AssertPageAsync(host.Http, path, "/hc/survey_response.js");

            Assert.Contains("id=\"note\"", html, StringComparison.Ordinal);
            // The page is static: the token in its URL is never written into it.
            Assert.DoesNotContain(token, html, StringComparison.Ordinal);
            Assert.DoesNotContain(Uri.EscapeDataString(token), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_script_parses_calls_the_responses_endpoints_and_never_writes_markup()
    {
        var script = await RespondentPageChecks.AssertScriptAsync(host.Http, "/hc/survey_response.js", "survey_response");

        Assert.Contains("'/api/v2/guide/survey_responses/'", script, StringComparison.Ordinal);
        Assert.Contains("'/hc/api/'", script, StringComparison.Ordinal);
        Assert.Contains("'?access_token=' + encodeURIComponent(token)", script, StringComparison.Ordinal);
        // The UI speaks the path's locale; sending ends the survey as the form read says.
        Assert.Contains("P.useLanguage(locale)", script, StringComparison.Ordinal);
        Assert.Contains("P.finish(after.form.completion, after.form.finished === 'disqualified')", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_read_gives_the_pages_in_the_locale_and_the_answers_given()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 7, ["zen:ticket:1"], "fr-fr");

        var before = await FormAsync("fr-fr", id, token);
        Assert.Equal(HttpStatusCode.OK, before.Status);
        var form = before.Json["form"]!;
        Assert.Equal("CSAT", form["title"]!.GetValue<string>());
        Assert.Equal("en", form["language"]!.GetValue<string>()); // no French: the survey's default language
        Assert.Equal("enabled", form["state"]!.GetValue<string>());
        Assert.False(form["expired"]!.GetValue<bool>());
        var pages = form["pages"]!.AsArray();
        Assert.Equal(2, pages.Count);
        var first = pages[0]!["questions"]!.AsArray();
        Assert.Equal(["csatRating", "reason"], first.Select(q => q!["question"]!["alias"]!.GetValue<string>()));
        Assert.Equal([true, false], first.Select(q => q!["required"]!.GetValue<bool>()));
        Assert.Equal("How would you rate your experience?", first[0]!["question"]!["headline"]!["value"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4, 5], first[0]!["question"]!["options"]!.AsArray().Select(o => o!["rating"]!.GetValue<int>()));
        Assert.Equal(["comment", "additional"], pages[1]!["questions"]!.AsArray().Select(q => q!["question"]!["alias"]!.GetValue<string>()));
        Assert.Empty(form["survey_response"]!["answers"]!.AsArray());

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id,
            Answers(Rating(survey.Questions["csatRating"], 4), Text(survey.Questions["comment"], "<b>fine</b>")), accessToken: token)).Status);
        var after = (await FormAsync("en", id, token)).Json["form"]!["survey_response"]!["answers"]!.AsArray();
        Assert.Equal(["rating_scale", "skipped", "open_ended", "skipped"], after.Select(a => a!["type"]!.GetValue<string>()));
        Assert.Equal(4, after[0]!["rating"]!.GetValue<int>());
        Assert.Equal("<b>fine</b>", after[2]!["value"]!.GetValue<string>());
        // The API key reads it too, as it does the localized read.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(HttpMethod.Get, $"/hc/api/en/survey_responses/{id}/form",
            configure: Basic(key))).Status);
    }

    [Fact]
    public async Task The_form_read_carries_the_surveys_ending_and_how_the_session_ended()
    {
        const string html = "<p>Merci <b>beaucoup</b> &amp; \"au revoir\"</p><script>window.ran = 1</script><img src=x onerror=\"window.ran = 2\">";
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var completing = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey(new JsonObject { ["complete_html"] = html })));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, completing.Uuid, 7, locale: "fr");

        var before = (await FormAsync("fr", id, token)).Json["form"]!;
        Assert.Null(before["finished"]);
        Assert.Equal(html, before["completion"]!["complete_html"]!.GetValue<string>());
        Assert.Null(before["completion"]!["redirect_url"]);
        Assert.Null(before["completion"]!["redirect_url_disqualified"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(Rating(completing.Questions["csatRating"], 5)),
            accessToken: token)).Status);
        Assert.Equal("completed", (await FormAsync("fr", id, token)).Json["form"]!["finished"]!.GetValue<string>());

        // A disqualifying option ends the session as disqualified; the URLs come as stored, with nothing appended.
        var settings = new JsonObject
        {
            ["redirect_type"] = "url",
            ["redirect_url"] = "https://example.com/thanks?panel=7",
            ["redirect_url_disqualified"] = "https://example.com/sorry?ref=456",
        };
        var body = CsatSurvey(settings);
        body["pages"]![0]!["questions"]![1]!["options"]![0]!["disqualify"] = true;
        var screening = IdsOf(await host.Http.CreateStartedSurveyAsync(key, body));
        var (other, otherToken, _) = await host.Http.CreateResponseAsync(key, screening.Uuid, 8);
        var reason = screening.Options["The issue took too long to resolve"];
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(other,
            Answers(Rating(screening.Questions["csatRating"], 2), Choice(screening.Questions["reason"], reason)), accessToken: otherToken)).Status);

        var after = (await FormAsync("en", other, otherToken)).Json["form"]!;
        Assert.Equal("disqualified", after["finished"]!.GetValue<string>());
        Assert.Equal("https://example.com/thanks?panel=7", after["completion"]!["redirect_url"]!.GetValue<string>());
        Assert.Equal("https://example.com/sorry?ref=456", after["completion"]!["redirect_url_disqualified"]!.GetValue<string>());
        Assert.Null(after["completion"]!["complete_html"]);
    }

    [Fact]
    public async Task The_form_read_refuses_a_bad_foreign_or_expired_token_and_names_a_closed_survey()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 7);
        var (_, otherToken, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 8);

        await ResponseSubmissionTests.AssertErrorAsync(await FormAsync("en", id, null), 401, "Unauthorized", "Unauthorized to access the resource");
        await ResponseSubmissionTests.AssertErrorAsync(await FormAsync("en", id, token[..^2] + "xx"), 401, "Unauthorized",
            "Unauthorized to access the resource");
        await ResponseSubmissionTests.AssertErrorAsync(await FormAsync("en", id, otherToken), 403, "Forbidden",
            "Access to the resource is forbidden");

        // An expired link is refused like a bad one (the page says the link is not valid or has expired).
        host.Clock.Advance(TimeSpan.FromDays(14.1));
        await ResponseSubmissionTests.AssertErrorAsync(await FormAsync("en", id, token), 401, "Unauthorized", "Unauthorized to access the resource");

        var (fresh, freshToken, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 9);
        Assert.Equal("enabled", (await FormAsync("en", fresh, freshToken)).Json["form"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid}/close", null, key)).Status);
        Assert.Equal("disabled", (await FormAsync("en", fresh, freshToken)).Json["form"]!["state"]!.GetValue<string>());
    }

    private Task<Api.Reply> FormAsync(string locale, string id, string? token) =>
        host.Http.SendAsync(HttpMethod.Get, $"/hc/api/{locale}/survey_responses/{id}/form"
            + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token)));
}
