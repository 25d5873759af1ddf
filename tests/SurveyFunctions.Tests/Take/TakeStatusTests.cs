using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;

namespace SurveyFunctions.Tests.Take;

/// <summary>
/// Every <c>response.status</c> of the QuestionPro survey-taking API that describes the survey or the session, produced
/// over HTTP and asserted: closed (manually, never started, past its stop date, before its start date), paused, full, broken by an edit, and every
/// way a session token can fail. Times are relative to the host's clock, which tests move forward.
/// </summary>
public sealed class TakeStatusTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_closed_or_never_started_survey_answers_survey_closed()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var draft = await host.Http.CreateSurveyAsync(key, TakeApi.ThreePageSurvey());
        Assert.Equal(["status"], (await host.Http.TakeAsync(key, draft.Uuid())).Response.Select(p => p.Key));
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, draft.Uuid())).ResponseStatus);

        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var page = await host.Http.TakeAsync(key, survey.Id());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/close", null, key)).Status);

        var later = await host.Http.TakeAsync(key, survey.Id(), page.Token);
        Assert.Equal("survey_closed", later.ResponseStatus);
        Assert.NotNull(later.Token);
        Assert.Equal("survey_closed", (await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token, (page.QuestionIds[1], 3))).ResponseStatus);
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, survey.Id())).ResponseStatus);

        // Reopened, the same session carries on where it was.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/start", null, key)).Status);
        Assert.Equal(page.QuestionIds, (await host.Http.TakeAsync(key, survey.Id(), page.Token)).QuestionIds);
    }

    [Fact]
    public async Task A_paused_survey_answers_survey_paused_until_started_again()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var page = await host.Http.TakeAsync(key, survey.Id());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/pause", null, key)).Status);

        Assert.Equal("survey_paused", (await host.Http.TakeAsync(key, survey.Id(), page.Token)).ResponseStatus);
        var refused = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token,
            (page.QuestionIds[0], new[] { page.OptionId("Do you use our product?", "Yes") }), (page.QuestionIds[1], 3));
        Assert.Equal("survey_paused", refused.ResponseStatus);
        Assert.Equal("survey_paused", (await host.Http.TakeAsync(key, survey.Id())).ResponseStatus);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/start", null, key)).Status);
        // Nothing of the refused submission was kept: the same token submits page 1 now.
        var next = await host.Http.SubmitAnswersAsync(key, survey.Id(), refused.Token,
            (page.QuestionIds[0], new[] { page.OptionId("Do you use our product?", "Yes") }), (page.QuestionIds[1], 3));
        Assert.Equal("success", next.ResponseStatus);
        Assert.Contains(next.QuestionIds, id => id == next.QuestionId("How often?"));
    }

    [Fact]
    public async Task A_stop_date_refuses_from_that_instant_and_a_start_date_until_it_comes()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var stopping = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(new JsonObject
        {
            ["stop_criteria"] = "date",
            ["stop_value"] = Iso(now.AddHours(1)),
        }));
        var page = await host.Http.TakeAsync(key, stopping.Id());
        Assert.Equal("success", page.ResponseStatus);

        var starting = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(new JsonObject
        {
            ["start_trigger"] = "date",
            ["start_at"] = Iso(now.AddHours(1)),
        }));
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, starting.Id())).ResponseStatus);

        // An hour later, whether or not the closing job has run: the first is closed, the second open.
        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, stopping.Id(), page.Token)).ResponseStatus);
        Assert.Equal("survey_closed", (await host.Http.SubmitAnswersAsync(key, stopping.Id(), page.Token, (page.QuestionIds[1], 2))).ResponseStatus);
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, stopping.Id())).ResponseStatus);
        Assert.Equal("success", (await host.Http.TakeAsync(key, starting.Id())).ResponseStatus);
    }

    [Fact]
    public async Task A_survey_at_its_response_cap_is_full_and_closed_with_reason_quota()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["stop_criteria"] = "responses", ["stop_value"] = 1 }));
        var early = await host.Http.TakeAsync(key, survey.Id());
        var late = await host.Http.TakeAsync(key, survey.Id());
        (long, object)[] answers = [(early.QuestionIds[0], new[] { early.OptionId("Do you use our product?", "Yes") }), (early.QuestionIds[1], 5)];

        Assert.Equal("survey_complete", (await host.Http.SubmitAnswersAsync(key, survey.Id(), early.Token, answers)).ResponseStatus);
        // Started before the cap was reached, finished after: refused, and the session stays unfinished.
        var refused = await host.Http.SubmitAnswersAsync(key, survey.Id(), late.Token, answers);
        Assert.Equal("quota_full", refused.ResponseStatus);
        Assert.Equal(["status"], refused.Response.Select(p => p.Key));
        Assert.Equal("quota_full", (await host.Http.TakeAsync(key, survey.Id())).ResponseStatus);
        Assert.Equal("quota_full", (await host.Http.TakeAsync(key, survey.Id(), late.Token)).ResponseStatus);

        var tenant = (await host.Get<Core.Tenants.TenantStore>().FindByKeyAsync(key, default))!.TenantId;
        var stored = await host.Get<SurveyStore>().GetAsync(tenant, survey.Uuid(), default);
        Assert.Equal(SurveyStatus.Closed, stored!.Status);
        Assert.Equal(SurveyCloseReasons.Quota, stored.ClosedReason);
        Assert.Equal((1L, 0L), await host.Get<Core.Sessions.Completions.SessionCompletions>().CountAsync(tenant, survey.Uuid(), default));
    }

    [Fact]
    public async Task A_visitor_token_echoed_to_submit_page_hears_the_surveys_state_while_it_refuses()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();

        // Never started: the first call's survey_closed, and the same again from submit-page with the token it handed out.
        var draft = await host.Http.CreateSurveyAsync(key, TakeApi.ThreePageSurvey());
        var closed = await host.Http.TakeAsync(key, draft.Uuid());
        Assert.Equal("survey_closed", closed.ResponseStatus);
        var echoed = await host.Http.SubmitAnswersAsync(key, draft.Uuid(), closed.Token, (1L, 3));
        Assert.Equal("survey_closed", echoed.ResponseStatus);
        Assert.Equal(["status"], echoed.Response.Select(p => p.Key));
        Assert.NotNull(echoed.Token);

        // Paused.
        var paused = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Paused"));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{paused.Uuid()}/pause", null, key)).Status);
        var pausedFirst = await host.Http.TakeAsync(key, paused.Uuid());
        Assert.Equal("survey_paused", pausedFirst.ResponseStatus);
        Assert.Equal("survey_paused", (await host.Http.SubmitAnswersAsync(key, paused.Uuid(), pausedFirst.Token, (1L, 3))).ResponseStatus);

        // Full: the cap of one reached by another respondent.
        var capped = await host.Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["stop_criteria"] = "responses", ["stop_value"] = 1 }));
        var first = await host.Http.TakeAsync(key, capped.Id());
        (long, object)[] answers = [(first.QuestionIds[0], new[] { first.OptionId("Do you use our product?", "Yes") }), (first.QuestionIds[1], 5)];
        Assert.Equal("survey_complete", (await host.Http.SubmitAnswersAsync(key, capped.Id(), first.Token, answers)).ResponseStatus);
        var full = await host.Http.TakeAsync(key, capped.Id());
        Assert.Equal("quota_full", full.ResponseStatus);
        Assert.Equal("quota_full", (await host.Http.SubmitAnswersAsync(key, capped.Id(), full.Token, answers)).ResponseStatus);

        // Once the survey takes responses the visitor token still holds no session: there is nothing to submit to.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{paused.Uuid()}/start", null, key)).Status);
        Assert.Equal("authentication_required", (await host.Http.SubmitAnswersAsync(key, paused.Uuid(), pausedFirst.Token, (1L, 3))).ResponseStatus);
        // And a visitor token of another survey is no token of this one.
        Assert.Equal("authentication_required", (await host.Http.SubmitAnswersAsync(key, draft.Uuid(), pausedFirst.Token, (1L, 3))).ResponseStatus);
    }

    [Fact]
    public async Task A_session_whose_page_was_edited_away_goes_on_with_its_definition_and_answers_error_once_that_is_gone()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var first = await host.Http.TakeAsync(key, survey.Id());
        var second = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token,
            (first.QuestionIds[0], new[] { first.OptionId("Do you use our product?", "Yes") }), (first.QuestionIds[1], 4));
        Assert.Equal("success", second.ResponseStatus);

        // The owner cuts the survey down to its first page while the respondent is on the second.
        var pages = survey["json"]!["pages"]!.AsArray();
        var patched = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}",
            new JsonObject { ["pages"] = new JsonArray(pages[0]!.DeepClone()) }, key);
        Assert.Equal(HttpStatusCode.OK, patched.Status);

        // The session goes on with the definition it started on.
        var resumed = await host.Http.TakeAsync(key, survey.Id(), second.Token);
        Assert.Equal("success", resumed.ResponseStatus);
        Assert.Equal(second.QuestionIds, resumed.QuestionIds);

        // A session whose definition is not kept (one stored before definitions were kept) has lost its page: error.
        await host.Get<SurveyVersions>().DeleteAllAsync(tenant, survey.Uuid(), default);
        Assert.Equal("error", (await host.Http.TakeAsync(key, survey.Id(), second.Token)).ResponseStatus);
        Assert.Equal("error", (await host.Http.SubmitAnswersAsync(key, survey.Id(), resumed.Token,
            (second.QuestionIds[1], new[] { second.OptionId("How often?", "Daily") }))).ResponseStatus);
        // Even with a language the survey does not offer: the page is gone before the language is judged.
        Assert.Equal("error", (await host.Http.SubmitAsync(key, survey.Id(), resumed.Token,
            new { language = "xx", answers = Array.Empty<object>() })).ResponseStatus);
    }

    [Fact]
    public async Task A_missing_tampered_expired_or_foreign_token_answers_authentication_required()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var other = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Other"));
        var page = await host.Http.TakeAsync(key, survey.Id());
        var otherPage = await host.Http.TakeAsync(key, other.Id());
        var answer = (page.QuestionIds[1], (object)3);

        async Task AssertRefusedAsync(string? token, string because)
        {
            var submitted = await host.Http.SubmitAnswersAsync(key, survey.Id(), token, answer);
            Assert.True(submitted.ResponseStatus == "authentication_required", $"{because}: submit answered {submitted.Json.ToJsonString()}");
            Assert.Equal(HttpStatusCode.OK, submitted.Status);
            // The header is on every answer (the QuestionPro docs): here a visitor token, which holds no session and submits nothing.
            Assert.NotNull(submitted.Token);
            Assert.Equal("authentication_required", (await host.Http.SubmitAnswersAsync(key, survey.Id(), submitted.Token, answer)).ResponseStatus);
            Assert.Equal(["status"], submitted.Response.Select(p => p.Key));
            Assert.False(string.IsNullOrEmpty(submitted.Json["requestID"]!.GetValue<string>()));
            if (token is not null)
                Assert.Equal("authentication_required", (await host.Http.TakeAsync(key, survey.Id(), token)).ResponseStatus);
        }

        await AssertRefusedAsync(null, "no token");
        await AssertRefusedAsync("not-a-token", "garbage");
        await AssertRefusedAsync(Tamper(page.Token!), "a tampered payload");
        await AssertRefusedAsync(page.Token![..^2] + (page.Token[^2] == 'A' ? "B" : "A") + page.Token[^1], "a tampered signature");
        await AssertRefusedAsync(otherPage.Token, "another survey's token");
        await AssertRefusedAsync(await host.Http.EmbedTokenAsync(await host.Http.CreatePublishedPollAsync(key)), "a poll's embed token");

        // Another tenant's session on its survey with the same integer id: the token names its own tenant and survey.
        var (_, strangerKey, _) = await host.Http.CreateTenantAsync();
        var strangerSurvey = await host.Http.CreateStartedSurveyAsync(strangerKey, TakeApi.ThreePageSurvey());
        var strangerPage = await host.Http.TakeAsync(strangerKey, strangerSurvey.Id());
        Assert.Equal(survey.Id(), strangerSurvey.Id());
        await AssertRefusedAsync(strangerPage.Token, "another tenant's token");
        Assert.Equal("authentication_required", (await host.Http.TakeAsync(strangerKey, strangerSurvey.Id(), page.Token)).ResponseStatus);

        // Still good before its lifetime ends, refused once it has (24 hours after it was issued).
        host.Clock.Advance(TimeSpan.FromHours(23));
        var fresh = await host.Http.TakeAsync(key, survey.Id(), page.Token);
        Assert.Equal("success", fresh.ResponseStatus);
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await AssertRefusedAsync(page.Token, "an expired token");
        // The token refreshed an hour ago is still valid: every call slides the window.
        Assert.Equal("success", (await host.Http.TakeAsync(key, survey.Id(), fresh.Token)).ResponseStatus);
    }

    [Fact]
    public async Task Every_answer_carries_a_token_and_a_visitor_token_sent_back_is_a_first_call()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key, TakeApi.ThreePageSurvey());
        var other = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Other"));

        // Refused before any session exists: still a token (the QuestionPro docs: "always present").
        var refused = await host.Http.TakeAsync(key, survey.Uuid(), query: "?customer_id=early-bird");
        Assert.Equal("survey_closed", refused.ResponseStatus);
        Assert.NotNull(refused.Token);
        Assert.Equal("survey_closed", (await host.Http.TakeAsync(key, survey.Uuid(), refused.Token)).ResponseStatus);

        // Sent back once the survey runs, it starts a session like a call without a token, and that session's token follows.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/start", null, key)).Status);
        var started = await host.Http.TakeAsync(key, survey.Uuid(), refused.Token);
        Assert.Equal("success", started.ResponseStatus);
        Assert.NotEqual(refused.Token, started.Token);
        var answered = await host.Http.SubmitAnswersAsync(key, survey.Uuid(), started.Token,
            (started.QuestionId("Do you use our product?"), new[] { started.OptionId("Do you use our product?", "Yes") }),
                (started.QuestionId("How satisfied are you?"), 4));
        Assert.Equal("success", answered.ResponseStatus);

        // A visitor token holds no session: nothing to submit to, and it is bound to its survey.
        Assert.Equal("authentication_required", (await host.Http.SubmitAnswersAsync(key, survey.Uuid(), refused.Token,
            (started.QuestionId("How satisfied are you?"), 4))).ResponseStatus);
        Assert.Equal("authentication_required", (await host.Http.TakeAsync(key, other.Uuid(), refused.Token)).ResponseStatus);
        var (_, strangerKey, _) = await host.Http.CreateTenantAsync();
        var stranger = await host.Http.CreateStartedSurveyAsync(strangerKey, TakeApi.ThreePageSurvey());
        Assert.Equal("authentication_required", (await host.Http.TakeAsync(strangerKey, stranger.Uuid(), refused.Token)).ResponseStatus);
    }

    [Fact]
    public async Task Request_problems_are_http_errors_in_the_documented_envelope()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var (_, strangerKey, _) = await host.Http.CreateTenantAsync();

        var noKey = await host.Http.SendAsync(HttpMethod.Get, $"/a/api/v2/surveys/{survey.Id()}/take");
        AssertError(noKey, HttpStatusCode.Unauthorized, "UNAUTHORIZED", "1010");
        AssertError(await host.Http.SendAsync(HttpMethod.Get, $"/a/api/v2/surveys/{survey.Id()}/take",
            configure: r => r.Headers.Add("api-key", "sfk_wrong")),
            HttpStatusCode.Unauthorized, "UNAUTHORIZED", "1010");
        Assert.Equal($"/a/api/v2/surveys/{{surveyId}}/take", noKey.Json["response"]!["error"]!["resourceUrl"]!.GetValue<string>());

        foreach (var id in new[] { survey.Uuid(), "999999", "not-a-survey" })
            AssertError(await host.Http.SendAsync(HttpMethod.Get, $"/a/api/v2/surveys/{id}/take",
                configure: r => r.Headers.Add("api-key", strangerKey)), HttpStatusCode.NotFound, "NOT_FOUND", "1040");
        AssertError(await host.Http.SendAsync(HttpMethod.Post, $"/a/api/v2/surveys/{survey.Uuid()}/submit-page",
            new { answers = Array.Empty<object>() }, configure: r => r.Headers.Add("api-key", strangerKey)),
            HttpStatusCode.NotFound, "NOT_FOUND", "1040");

        var badLat = await host.Http.SendAsync(HttpMethod.Get, $"/a/api/v2/surveys/{survey.Id()}/take?lat=95",
            configure: r => r.Headers.Add("api-key", key));
        AssertError(badLat, HttpStatusCode.BadRequest, "BAD_REQUEST", "1000");
        Assert.Contains("'lat'", badLat.Json["response"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        AssertError(await host.Http.SendAsync(HttpMethod.Post, $"/a/api/v2/surveys/{survey.Id()}/submit-page", "{\"answers\": [",
            configure: r => r.Headers.Add("api-key", key)),
            HttpStatusCode.BadRequest, "BAD_REQUEST", "1000");
        AssertError(await host.Http.SendAsync(HttpMethod.Post, $"/a/api/v2/surveys/{survey.Id()}/submit-page", null, configure: r =>
        {
            r.Headers.Add("api-key", key);
            r.Content = new StringContent("answers=1", Encoding.UTF8, "application/x-www-form-urlencoded");
        }), HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "1015");
        AssertError(await host.Http.SendAsync(HttpMethod.Put, $"/a/api/v2/surveys/{survey.Id()}/take", new { },
            configure: r => r.Headers.Add("api-key", key)),
            HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED", "1005");
    }

    private static void AssertError(Api.Reply reply, HttpStatusCode status, string name, string id)
    {
        Assert.Equal(status, reply.Status);
        PlatformTests.AssertEnvelope("take", reply, (int)status);
        var error = reply.Json["response"]!["error"]!;
        Assert.Equal((name, id), (error["name"]!.GetValue<string>(), error["id"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
    }

    /// <summary>The same token with one claim changed in its payload (the step moved back), signature kept.</summary>
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        var edited = payload.Replace("\"st\":\"0\"", "\"st\":\"1\"", StringComparison.Ordinal);
        Assert.NotEqual(payload, edited);
        return parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(edited)) + "." + parts[2];
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
