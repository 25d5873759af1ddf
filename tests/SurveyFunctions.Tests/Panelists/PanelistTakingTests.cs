using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Panelists;

/// <summary>
/// The panelist's side over real HTTP, as the hosted page calls it with <c>X-Panelist-Key</c>: opening (start or continue),
/// submitting pages through the one taking flow, dismissing; and what each leaves in the tenant's view of the panelist
/// (<c>sessionCount</c>, the activity and dismissal times on the test clock, <c>canRespond</c>) and in the shared sessions.
/// </summary>
public sealed class PanelistTakingTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_panelist_answers_a_three_page_survey_and_the_tenant_sees_the_activity()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Quarterly check-in"));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "customer-456");

        var opened = await host.Http.OpenAsync(publicKey);
        var openedAt = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        Assert.Equal("success", opened.Status());
        Assert.Equal("Quarterly check-in", opened.Json["survey"]!["title"]!.GetValue<string>());
        Assert.Equal("OPEN", opened.Json["survey"]!["status"]!.GetValue<string>());
        Assert.Equal("en", opened.Json["survey"]!["language"]!.GetValue<string>());
        Assert.Equal(1, opened.Json["progress"]!["page"]!.GetValue<int>());
        Assert.Equal(3, opened.Json["progress"]!["pageCount"]!.GetValue<int>());
        Assert.Equal(0, opened.Json["progress"]!["percentage"]!.GetValue<int>());
        Assert.False(opened.Json["progress"]!["isFinalPage"]!.GetValue<bool>());
        Assert.Equal(2, opened.Json["questions"]!.AsArray().Count);

        var access = await host.Http.GetPanelistAsync(key, survey.Uuid(), "customer-456");
        Assert.Equal(1, access.Json["panelist"]!["sessionCount"]!.GetValue<int>());
        Assert.InRange(access.Json["panelist"]!["activityStartedUnixTs"]!.GetValue<long>(), openedAt - 5, openedAt);
        Assert.True(access.Json["panelist"]!["canRespond"]!.GetValue<bool>());

        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await host.Http.SubmitAsync(publicKey, opened.SessionToken(),
            (opened.QuestionId("Do you use our product?"), new[] { opened.OptionId("Do you use our product?", "Yes") }),
            (opened.QuestionId("How satisfied are you?"), 4));
        Assert.Equal("success", second.Status());
        Assert.Equal(2, second.Json["progress"]!["page"]!.GetValue<int>());
        Assert.Equal(33, second.Json["progress"]!["percentage"]!.GetValue<int>());
        var third = await host.Http.SubmitAsync(publicKey, second.SessionToken(),
            (second.QuestionId("How often?"), new[] { second.OptionId("How often?", "Weekly") }));
        Assert.True(third.Json["progress"]!["isFinalPage"]!.GetValue<bool>());
        var done = await host.Http.SubmitAsync(publicKey, third.SessionToken(), (third.QuestionId("How likely are you to recommend us?"), 9));
        var doneAt = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal("survey_complete", done.Status());
        Assert.Null(done.SessionToken());
        Assert.Null(done.Json["questions"]);
        Assert.False(done.Json["panelist"]!["canRespond"]!.GetValue<bool>());

        var after = (await host.Http.GetPanelistAsync(key, survey.Uuid(), "customer-456")).Json["panelist"]!;
        Assert.Equal(1, after["sessionCount"]!.GetValue<int>());
        Assert.InRange(after["activityStartedUnixTs"]!.GetValue<long>(), openedAt - 5, openedAt);
        Assert.InRange(after["activityMostRecentUnixTs"]!.GetValue<long>(), doneAt - 5, doneAt);
        Assert.True(after["activityMostRecentUnixTs"]!.GetValue<long>() >= after["activityStartedUnixTs"]!.GetValue<long>() + 600);
        Assert.False(after["canRespond"]!.GetValue<bool>());
        Assert.Null(after["dismissedMostRecentUnixTs"]);

        // One taking session of the shared domain, with the panelist id as the respondent's external id.
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "customer-456", survey.Uuid(), default));
        Assert.True(session.IsCompleted);
        Assert.Equal("customer-456", session.Respondent!.ExternalId);
        Assert.Equal(4, session.Answers.Count);

        // Coming back: already answered, no new session.
        var back = await host.Http.OpenAsync(publicKey);
        Assert.Equal("already_completed", back.Status());
        Assert.Equal(1, (await host.Http.GetPanelistAsync(key, survey.Uuid(), "customer-456")).Json["panelist"]!["sessionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_panelists_finished_session_shows_in_the_Account_family_and_in_the_results()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var panelistId = "crm-" + Guid.NewGuid().ToString("N")[..8];
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), panelistId);

        Assert.Equal("survey_complete", (await AnswerSmallSurveyAsync(publicKey)).Status());

        var respondent = await host.Http.AccountGetAsync($"/api/account/respondents/{panelistId}", key);
        Assert.Equal(HttpStatusCode.OK, respondent.Status);
        Assert.Equal(panelistId, respondent.Json["external_id"]!.GetValue<string>());
        var session = Assert.Single(respondent.Json["sessions"]!.AsArray())!;
        Assert.Equal(survey.Uuid(), session["survey_uuid"]!.GetValue<string>());
        Assert.True(session["is_completed"]!.GetValue<bool>());
        Assert.Equal(2, session["answers"]!.AsArray().Count);

        var results = await host.Http.WaitForSurveyAggregationAsync(survey.Uuid(), key);
        Assert.Equal(1, results["completed_sessions"]!.GetValue<long>());
        var uses = results["questions"]!.AsArray().Single(q => q!["question"]!.GetValue<string>() == "Do you use our product?")!;
        Assert.Equal([1L, 0L], uses["options"]!.AsArray().Select(o => o!["count"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Opening_again_continues_the_unfinished_session_on_its_current_page()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-resume");

        var opened = await host.Http.OpenAsync(publicKey);
        var second = await host.Http.SubmitAsync(publicKey, opened.SessionToken(),
            (opened.QuestionId("Do you use our product?"), new[] { opened.OptionId("Do you use our product?", "Yes") }),
            (opened.QuestionId("How satisfied are you?"), 5));
        var reopened = await host.Http.OpenAsync(publicKey);

        Assert.Equal("success", reopened.Status());
        Assert.Equal(2, reopened.Json["progress"]!["page"]!.GetValue<int>());
        Assert.Equal(second.Json["questions"]!.ToJsonString(), reopened.Json["questions"]!.ToJsonString());
        Assert.Equal(1, (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-resume")).Json["panelist"]!["sessionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Validation_errors_come_back_with_the_page_and_store_nothing()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-invalid");
        var opened = await host.Http.OpenAsync(publicKey);

        var refused = await host.Http.SubmitAsync(publicKey, opened.SessionToken(), (opened.QuestionId("How satisfied are you?"), 9));

        Assert.Equal("validation_errors", refused.Status());
        Assert.Equal(1, refused.Json["progress"]!["page"]!.GetValue<int>());
        var errors = refused.Json["validationErrors"]!.AsArray();
        Assert.Contains(errors, e => e!["questionID"]!.GetValue<long>() == opened.QuestionId("Do you use our product?"));
        Assert.Contains(errors, e => e!["questionID"]!.GetValue<long>() == opened.QuestionId("How satisfied are you?"));
        Assert.NotNull(refused.SessionToken());
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "p-invalid", survey.Uuid(), default));
        Assert.Empty(session.Answers);
    }

    [Fact]
    public async Task A_page_submitted_twice_is_stored_once()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-twice");
        var opened = await host.Http.OpenAsync(publicKey);
        (long, object)[] answers =
        [
            (opened.QuestionId("Do you use our product?"), new[] { opened.OptionId("Do you use our product?", "Yes") }),
            (opened.QuestionId("How satisfied are you with our service?"), 5),
        ];

        var replies = await Task.WhenAll(host.Http.SubmitAsync(publicKey, opened.SessionToken(), answers),
            host.Http.SubmitAsync(publicKey, opened.SessionToken(), answers));

        Assert.All(replies, r => Assert.Equal("survey_complete", r.Status()));
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "p-twice", survey.Uuid(), default));
        Assert.True(session.IsCompleted);
        Assert.Equal(2, session.Answers.Count);
    }

    [Fact]
    public async Task With_multiple_responses_the_panelist_can_respond_again_in_a_new_session()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["allow_multiple_responses"] = true }));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-many");

        await AnswerSmallSurveyAsync(publicKey);
        var afterFirst = (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-many")).Json["panelist"]!;
        Assert.True(afterFirst["canRespond"]!.GetValue<bool>());
        Assert.Equal(publicKey, afterFirst["publicKey"]!.GetValue<string>());

        await AnswerSmallSurveyAsync(publicKey);
        var afterSecond = (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-many")).Json["panelist"]!;
        Assert.True(afterSecond["canRespond"]!.GetValue<bool>());
        Assert.Equal(2, afterSecond["sessionCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task On_an_anonymous_survey_the_panelists_answers_are_not_linked_yet_they_respond_only_once()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["is_anonymous"] = true }));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-anon");

        var done = await AnswerSmallSurveyAsync(publicKey);

        Assert.Equal("survey_complete", done.Status());
        Assert.Empty(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "p-anon", survey.Uuid(), default));
        var access = (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-anon")).Json["panelist"]!;
        Assert.False(access["canRespond"]!.GetValue<bool>());
        Assert.Equal(1, access["sessionCount"]!.GetValue<int>());
        Assert.Equal("already_completed", (await host.Http.OpenAsync(publicKey)).Status());
    }

    [Fact]
    public async Task A_disqualified_panelist_is_sent_to_the_disqualification_redirect_and_cannot_respond_again()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["redirect_url_disqualified"] = "https://example.com/sorry" }));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-dq");
        var opened = await host.Http.OpenAsync(publicKey);

        var out_ = await host.Http.SubmitAsync(publicKey, opened.SessionToken(),
            (opened.QuestionId("Do you use our product?"), new[] { opened.OptionId("Do you use our product?", "No") }),
            (opened.QuestionId("How satisfied are you with our service?"), 3));

        Assert.Equal("terminated", out_.Status());
        Assert.Equal("https://example.com/sorry", out_.Json["redirectUrl"]!.GetValue<string>());
        Assert.False((await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-dq")).Json["panelist"]!["canRespond"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_reply_carries_the_surveys_ending_and_the_html_exactly_as_stored()
    {
        const string html = "<h2>Thanks &amp; goodbye!</h2><script>alert('x')</script><img src=x onerror=\"alert(1)\"><p>See <b>you</b> \u2014 \"quoted\"</p>";
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject
        {
            ["complete_html"] = html,
            // redirect_type none: the completion URL is stored but not used, so the page gets none.
            ["redirect_url"] = "https://example.com/thanks",
            ["redirect_url_disqualified"] = "https://example.com/sorry?ref=456",
        }));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-html");

        var opened = await host.Http.OpenAsync(publicKey);
        var done = await AnswerSmallSurveyAsync(publicKey);

        foreach (var reply in new[] { opened, done })
        {
            var completion = reply.Json["completion"]!;
            Assert.Equal(html, completion["complete_html"]!.GetValue<string>());
            Assert.Null(completion["redirect_url"]);
            Assert.Equal("https://example.com/sorry?ref=456", completion["redirect_url_disqualified"]!.GetValue<string>());
        }
        Assert.Equal("survey_complete", done.Status());
        Assert.Null(done.Json["redirectUrl"]);
        Assert.False(done.Json.AsObject().ContainsKey("completionText"));
    }

    [Fact]
    public async Task A_url_redirect_type_gives_the_completion_url_as_stored_with_nothing_appended()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject
        {
            ["redirect_type"] = "url",
            ["redirect_url"] = "https://panel.example.com/complete?status=done&ref=456",
        }));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-url");

        var done = await AnswerSmallSurveyAsync(publicKey);

        Assert.Equal("survey_complete", done.Status());
        Assert.Equal("https://panel.example.com/complete?status=done&ref=456", done.Json["completion"]!["redirect_url"]!.GetValue<string>());
        Assert.Equal("https://panel.example.com/complete?status=done&ref=456", done.Json["redirectUrl"]!.GetValue<string>());
        Assert.Null(done.Json["completion"]!["redirect_url_disqualified"]);
        Assert.Null(done.Json["completion"]!["complete_html"]);
    }

    [Fact]
    public async Task Dismissing_records_the_time_and_the_panelist_may_still_respond()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-dismiss");

        var dismissed = await host.Http.DismissAsync(publicKey);
        var at = host.Clock.GetUtcNow().ToUnixTimeSeconds();

        Assert.Equal(HttpStatusCode.OK, dismissed.Status);
        Assert.Equal("dismissed", dismissed.Status());
        Assert.InRange(dismissed.Json["panelist"]!["dismissedMostRecentUnixTs"]!.GetValue<long>(), at - 5, at);
        var access = (await host.Http.GetPanelistAsync(key, survey.Uuid(), "p-dismiss")).Json["panelist"]!;
        Assert.InRange(access["dismissedMostRecentUnixTs"]!.GetValue<long>(), at - 5, at);
        Assert.True(access["canRespond"]!.GetValue<bool>());
        Assert.Equal(0, access["sessionCount"]!.GetValue<int>());

        host.Clock.Advance(TimeSpan.FromDays(3));
        var later = await host.Http.DismissAsync(publicKey);
        Assert.True(later.Json["panelist"]!["dismissedMostRecentUnixTs"]!.GetValue<long>() >= at + 3 * 86400);
        Assert.Equal("success", (await host.Http.OpenAsync(publicKey)).Status());
    }

    [Fact]
    public async Task A_closed_or_paused_survey_is_told_to_the_panelist()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-closed");

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/pause", null, key)).Status);
        var paused = await host.Http.OpenAsync(publicKey);
        Assert.Equal("survey_paused", paused.Status());
        Assert.Equal("CLOSED", paused.Json["survey"]!["status"]!.GetValue<string>());
        Assert.Null(paused.SessionToken());

        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/close", null, key)).Status);
        Assert.Equal("survey_closed", (await host.Http.OpenAsync(publicKey)).Status());
    }

    [Fact]
    public async Task Bad_panelist_keys_are_401_and_tokens_of_other_panelists_are_refused()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var alice = await host.Http.PublicKeyAsync(key, survey.Uuid(), "alice");
        var bob = await host.Http.PublicKeyAsync(key, survey.Uuid(), "bob");
        var (keyId, secret) = (alice.Split(':')[0], alice.Split(':')[1]);
        var tamperedSecret = keyId + ":" + (secret[0] == 'A' ? 'B' : 'A') + secret[1..];

        foreach (var bad in new string?[] { null, "", "garbage", tamperedSecret, bob.Split(':')[0] + ":" + secret, keyId + ":" + secret + "x" })
        {
            var reply = await host.Http.OpenAsync(bad);
            Assert.True(reply.Status == HttpStatusCode.Unauthorized, $"'{bad}': {(int)reply.Status}");
            Assert.Equal("Unauthorized", reply.Json["error"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.DismissAsync(bad)).Status);
        }

        // Bob cannot submit into Alice's session with her page token.
        var alicePage = await host.Http.OpenAsync(alice);
        var intrusion = await host.Http.SubmitAsync(bob, alicePage.SessionToken(),
            (alicePage.QuestionId("Do you use our product?"), new[] { alicePage.OptionId("Do you use our product?", "Yes") }),
            (alicePage.QuestionId("How satisfied are you with our service?"), 1));
        Assert.Equal("authentication_required", intrusion.Status());
        Assert.Equal("success", (await host.Http.OpenAsync(alice)).Status());
    }

    [Fact]
    public async Task A_deleted_surveys_panelist_key_stops_working()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-gone");
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.OpenAsync(publicKey)).Status);
    }

    [Fact]
    public async Task Submitting_without_a_session_token_or_with_a_malformed_body_is_400()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey());
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "p-400");
        await host.Http.OpenAsync(publicKey);

        var noToken = await host.Http.SendAsync(HttpMethod.Post, "/app/panelist/api/submit-page", new JsonObject { ["answers"] = new JsonArray() },
            configure: r => r.Headers.Add("X-Panelist-Key", publicKey));
        var broken = await host.Http.SendAsync(HttpMethod.Post, "/app/panelist/api/submit-page", "{\"answers\": [",
            configure: r => r.Headers.Add("X-Panelist-Key", publicKey));
        var badLanguage = await host.Http.OpenAsync(publicKey, new JsonObject { ["language"] = 42 });

        Assert.Equal((HttpStatusCode.BadRequest, "validation_error"), (noToken.Status, noToken.Json["error"]!.GetValue<string>()));
        Assert.Contains("sessionToken", noToken.Json["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.BadRequest, "malformed_json"), (broken.Status, broken.Json["error"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.BadRequest, "validation_error"), (badLanguage.Status, badLanguage.Json["error"]!.GetValue<string>()));
    }

    private async Task<Api.Reply> AnswerSmallSurveyAsync(string publicKey)
    {
        var opened = await host.Http.OpenAsync(publicKey);
        Assert.Equal("success", opened.Status());
        var done = await host.Http.SubmitAsync(publicKey, opened.SessionToken(),
            (opened.QuestionId("Do you use our product?"), new[] { opened.OptionId("Do you use our product?", "Yes") }),
            (opened.QuestionId("How satisfied are you with our service?"), 5));
        return done;
    }
}
