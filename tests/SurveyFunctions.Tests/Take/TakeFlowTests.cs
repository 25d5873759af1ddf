using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Take;

/// <summary>
/// The Take family (the QuestionPro survey-taking API) over real HTTP against the standalone host and Azurite: surveys taken page by page to the
/// end, disqualified, left half-way and resumed, gone back over, and what each leaves in the shared session model.
/// </summary>
public sealed class TakeFlowTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_three_page_survey_is_taken_to_completion()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var customer = "customer-" + Guid.NewGuid().ToString("N")[..8];

        var first = await host.Http.TakeAsync(key, survey.Id(),
            query: $"?customer_id={customer}&language=en&country=US&region=California&city=San%20Francisco&lat=37.7749&lon=-122.4194",
            configure: r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("success", first.ResponseStatus);
        Assert.NotNull(first.Token);
        Assert.False(string.IsNullOrEmpty(first.Json["requestID"]!.GetValue<string>()));
        Assert.False(first.Response["meta"]!["isFinalPage"]!.GetValue<bool>());
        Assert.Equal(0, first.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.Null(first.Response["navigation"]!["previousPageUrl"]);
        Assert.True(first.Response["navigation"]!.AsObject().ContainsKey("previousPageUrl"));
        Assert.Equal($"/a/api/v2/surveys/{survey.Id()}/submit-page", first.Response["navigation"]!["nextPageSubmitUrl"]!.GetValue<string>());
        Assert.Empty(first.Response["themeConfig"]!["cssUrls"]!.AsArray());
        Assert.False(first.Response.ContainsKey("validationErrors"));
        Assert.False(first.Response.ContainsKey("redirectUrl"));
        Assert.Equal(2, first.Questions.Count);
        var uses = first.QuestionId("Do you use our product?");
        var yes = first.OptionId("Do you use our product?", "Yes");
        var satisfaction = first.QuestionId("How satisfied are you?");
        var json = first.Questions[0]!["json"]!;
        Assert.Equal("single_choice", json["type"]!.GetValue<string>());
        Assert.Equal("q_", json["formParam"]!["paramPrefix"]!.GetValue<string>());
        Assert.Equal("questionId", json["formParam"]!["paramIdType"]!.GetValue<string>());
        Assert.Contains($"name=\"q_{uses}\"", first.Questions[0]!["html"]!.GetValue<string>(), StringComparison.Ordinal);

        var second = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token, (uses, new[] { yes }), (satisfaction, 4));
        Assert.Equal("success", second.ResponseStatus);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(33, second.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.Equal($"/a/api/v2/surveys/{survey.Id()}/take?page=1", second.Response["navigation"]!["previousPageUrl"]!.GetValue<string>());
        var features = second.QuestionId("Which features do you use?");
        var often = second.QuestionId("How often?");

        var third = await host.Http.SubmitAnswersAsync(key, survey.Id(), second.Token,
            (features, new[] { second.OptionId("Which features do you use?", "Reports"), second.OptionId("Which features do you use?", "Export") }),
            (often, new[] { second.OptionId("How often?", "Weekly") }));
        Assert.Equal("success", third.ResponseStatus);
        Assert.True(third.Response["meta"]!["isFinalPage"]!.GetValue<bool>());
        Assert.Equal(66, third.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        var nps = third.QuestionId("How likely are you to recommend us?");
        var comment = third.QuestionId("Anything else?");
        Assert.Equal(0, third.Questions[0]!["json"]!["scale"]!["min"]!.GetValue<int>());
        Assert.Equal(10, third.Questions[0]!["json"]!["scale"]!["max"]!.GetValue<int>());

        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), third.Token, (nps, 9), (comment, "Great — keep going! 🎉"));
        Assert.Equal("survey_complete", done.ResponseStatus);
        Assert.False(done.Response.ContainsKey("redirectUrl"));
        Assert.Equal(["status"], done.Response.Select(p => p.Key));

        // The shared model holds the finished session, its answers and the respondent's profile.
        var store = host.Get<SessionStore>();
        var tenant = await TenantOfAsync(key);
        var sessions = await store.ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default);
        var session = Assert.Single(sessions);
        Assert.True(session.IsCompleted);
        Assert.False(session.IsDisqualified);
        Assert.NotNull(session.CompletedAt);
        Assert.Equal("en", session.Language);
        Assert.Equal(customer, session.Respondent!.ExternalId);
        Assert.Equal([uses, satisfaction, features, often, nps, comment], session.Answers.Select(a => a.QuestionId));
        Assert.Equal([yes], session.Answers[0].OptionIds);
        Assert.Equal(4, session.Answers[1].Value);
        Assert.Equal("Great — keep going! 🎉", session.Answers[5].Text);
        Assert.Equal("qUses", session.Answers[0].QuestionIdentifier);
        Assert.Equal(6, session.Answers.Select(a => a.Id).Distinct().Count());

        var respondent = await store.GetRespondentAsync(tenant, customer, default);
        Assert.NotNull(respondent);
        Assert.Equal(session.Respondent.Id, respondent.Id);
        Assert.Equal(("US", "California", "San Francisco", 37.7749, -122.4194),
            (respondent.Country, respondent.Region, respondent.City, respondent.Lat!.Value, respondent.Lon!.Value));
        Assert.True(respondent.IsMobile);
        Assert.Equal("en", respondent.Language);

        var completions = host.Get<SessionCompletions>();
        Assert.Equal((1L, 0L), await completions.CountAsync(tenant, survey.Uuid(), default));
        Assert.Equal([customer], await completions.ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));

        // Coming back: with the session's token, or as the same customer without one.
        Assert.Equal("already_completed", (await host.Http.TakeAsync(key, survey.Id(), done.Token)).ResponseStatus);
        Assert.Equal("already_completed", (await host.Http.TakeAsync(key, survey.Uuid(), query: $"?customer_id={customer}")).ResponseStatus);
    }

    [Fact]
    public async Task A_disqualifying_option_terminates_the_session_with_the_disqualified_redirect()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var settings = new JsonObject { ["redirect_url_disqualified"] = "https://panel.example.com/complete?status=disqualified&ref=456" };
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(settings));
        var customer = "dq-" + Guid.NewGuid().ToString("N")[..8];

        var first = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
        var no = first.OptionId("Do you use our product?", "No");
        var terminated = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token,
            (first.QuestionId("Do you use our product?"), new[] { no }), (first.QuestionId("How satisfied are you?"), 2));
        Assert.Equal("terminated", terminated.ResponseStatus);
        Assert.Equal("https://panel.example.com/complete?status=disqualified&ref=456", terminated.Response["redirectUrl"]!.GetValue<string>());

        var tenant = await TenantOfAsync(key);
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.True(session.IsCompleted);
        Assert.True(session.IsDisqualified);
        Assert.Equal(2, session.Answers.Count);
        var completions = host.Get<SessionCompletions>();
        Assert.Equal((0L, 1L), await completions.CountAsync(tenant, survey.Uuid(), default));
        Assert.Equal([customer], await completions.ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));

        // Back again: the survey sends disqualified respondents on, so they are redirected rather than told "already completed".
        var back = await host.Http.TakeAsync(key, survey.Id(), terminated.Token);
        Assert.Equal("redirect", back.ResponseStatus);
        Assert.Equal("https://panel.example.com/complete?status=disqualified&ref=456", back.Response["redirectUrl"]!.GetValue<string>());
        // Without a URL for its outcome a finished session is simply terminated, with no redirectUrl.
        var plain = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var page = await host.Http.TakeAsync(key, plain.Id());
        var end = await host.Http.SubmitAnswersAsync(key, plain.Id(), page.Token,
            (page.QuestionId("Do you use our product?"), new[] { page.OptionId("Do you use our product?", "No") }),
                (page.QuestionId("How satisfied are you?"), 1));
        Assert.Equal("terminated", end.ResponseStatus);
        Assert.False(end.Response.ContainsKey("redirectUrl"));
    }

    [Fact]
    public async Task A_session_left_half_way_is_not_finished_and_resumes_where_it_stopped()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var customer = "half-" + Guid.NewGuid().ToString("N")[..8];

        var first = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
        var second = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token,
            (first.QuestionId("Do you use our product?"), new[] { first.OptionId("Do you use our product?", "Yes") }),
                (first.QuestionId("How satisfied are you?"), 5));
        Assert.Equal("success", second.ResponseStatus);

        var tenant = await TenantOfAsync(key);
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.False(session.IsCompleted);
        Assert.Null(session.CompletedAt);
        Assert.Equal(1, session.PageIndex);
        Assert.Empty(await host.Get<SessionCompletions>().ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));

        // The same customer comes back without a token: their unfinished session continues on page 2, not a new one.
        var resumed = await host.Http.TakeAsync(key, survey.Uuid(), query: $"?customer_id={customer}");
        Assert.Equal("success", resumed.ResponseStatus);
        Assert.Equal(second.QuestionIds, resumed.QuestionIds);
        // And with the token it holds, too.
        Assert.Equal(second.QuestionIds, (await host.Http.TakeAsync(key, survey.Id(), second.Token)).QuestionIds);
        Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
    }

    [Fact]
    public async Task Concurrent_first_calls_of_one_customer_start_one_session()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var tenant = await TenantOfAsync(key);
        foreach (var round in new[] { "new", "known" })
        {
            // "new": nobody knows the customer yet; "known": the customer finished another survey before (their profile exists).
            var customer = $"racer-{round}-" + Guid.NewGuid().ToString("N")[..8];
            if (round == "known")
            {
                var other = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
                Assert.Equal("success", (await host.Http.TakeAsync(key, other.Id(), query: $"?customer_id={customer}")).ResponseStatus);
            }

            var calls = await Task.WhenAll(Enumerable.Range(0,
                8).Select(_ => host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}")));

            Assert.All(calls, c => Assert.Equal("success", c.ResponseStatus));
            var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
            Assert.Equal(0, session.PageIndex);
            // Every caller got that one session: a page submitted with any of their tokens lands in it.
            var answered = await host.Http.SubmitAnswersAsync(key, survey.Id(), calls[^1].Token,
                (calls[^1].QuestionId("Do you use our product?"), new[] { calls[^1].OptionId("Do you use our product?", "Yes") }),
                (calls[^1].QuestionId("How satisfied are you?"), 5));
            Assert.Equal("success", answered.ResponseStatus);
            Assert.Equal(1, Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(),
                default)).PageIndex);
        }
    }

    [Fact]
    public async Task A_page_submitted_twice_with_the_same_token_is_stored_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var customer = "twice-" + Guid.NewGuid().ToString("N")[..8];
        var first = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
        (long, object)[] page1 = [(first.QuestionId("Do you use our product?"), new[] { first.OptionId("Do you use our product?", "Yes") }),
            (first.QuestionId("How satisfied are you?"), 3)];

        var once = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token, page1);
        var again = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token, page1);
        Assert.Equal("success", again.ResponseStatus);
        Assert.Equal(once.QuestionIds, again.QuestionIds);
        // Even a different body with the used token changes nothing: that page was already taken.
        var changed = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token,
            (page1[0].Item1, new[] { first.OptionId("Do you use our product?", "Yes") }), (page1[1].Item1, 1));
        Assert.Equal(once.QuestionIds, changed.QuestionIds);

        var tenant = await TenantOfAsync(key);
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Equal(1, session.Step);
        Assert.Equal(2, session.Answers.Count);
        Assert.Equal(3, session.Answers[1].Value);

        // Ten identical submissions of page 2 at the same moment: one is stored, all ten see page 3.
        var often = once.QuestionId("How often?");
        var weekly = once.OptionId("How often?", "Weekly");
        var replies = await Task.WhenAll(Enumerable.Range(0,
            10).Select(_ => host.Http.SubmitAnswersAsync(key, survey.Id(), once.Token, (often, new[] { weekly }))));
        Assert.All(replies, r => Assert.Equal("success", r.ResponseStatus));
        Assert.All(replies, r => Assert.Equal(replies[0].QuestionIds, r.QuestionIds));
        session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Equal((2, 2), (session.Step, session.PageIndex));
        Assert.Equal(3, session.Answers.Count);

        // The final page twice, concurrently: one completion, counted once, and both hear survey_complete.
        var last = replies[0];
        var finals = await Task.WhenAll(Enumerable.Range(0,
            5).Select(_ => host.Http.SubmitAnswersAsync(key, survey.Id(), last.Token, (last.QuestionId("How likely are you to recommend us?"), 10))));
        Assert.All(finals, r => Assert.Equal("survey_complete", r.ResponseStatus));
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenant, survey.Uuid(), default));
        session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.True(session.IsCompleted);
        Assert.Equal(4, session.Answers.Count);
    }

    [Fact]
    public async Task Going_back_to_a_page_replaces_its_answers_and_keeps_their_ids()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var customer = "back-" + Guid.NewGuid().ToString("N")[..8];
        var first = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
        var uses = first.QuestionId("Do you use our product?");
        var yes = first.OptionId("Do you use our product?", "Yes");
        var rating = first.QuestionId("How satisfied are you?");
        var second = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token, (uses, new[] { yes }), (rating, 2));
        var tenant = await TenantOfAsync(key);
        var before = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));

        var previous = second.Response["navigation"]!["previousPageUrl"]!.GetValue<string>();
        var back = await host.Http.TakeAsync(key, survey.Id(), second.Token, query: previous[previous.IndexOf('?', StringComparison.Ordinal)..]);
        Assert.Equal("success", back.ResponseStatus);
        Assert.Equal(first.QuestionIds, back.QuestionIds);
        Assert.Null(back.Response["navigation"]!["previousPageUrl"]);
        // A page not reached yet shows where the session is.
        Assert.Equal(second.QuestionIds, (await host.Http.TakeAsync(key, survey.Id(), second.Token, query: "?page=3")).QuestionIds);

        var again = await host.Http.SubmitAnswersAsync(key, survey.Id(), back.Token, (uses, new[] { yes }), (rating, 5));
        Assert.Equal(second.QuestionIds, again.QuestionIds);
        var after = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Equal(2, after.Answers.Count);
        Assert.Equal(5, after.Answers.Single(a => a.QuestionId == rating).Value);
        Assert.Equal(before.Answers.Select(a => a.Id), after.Answers.Select(a => a.Id));
        // The token of the page before going back is spent: it replays to where the session is now.
        Assert.Equal(second.QuestionIds, (await host.Http.SubmitAnswersAsync(key, survey.Id(), second.Token, (uses, new[] { yes }),
            (rating, 1))).QuestionIds);
    }

    [Fact]
    public async Task Texts_are_escaped_in_html_and_exact_in_json()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var body = new JsonObject
        {
            ["name"] = "Escaping",
            ["pages"] = new JsonArray(TakeApi.Page(
                TakeApi.Question("qX", "single_choice", "<script>alert('x')</script> & \"quotes\"", true,
                    TakeApi.Options(("<b>bold</b>", false), ("O'Brien & Sons", false))))),
        };
        var survey = await host.Http.CreateStartedSurveyAsync(key, body);
        var page = await host.Http.TakeAsync(key, survey.Id());
        var question = page.Questions[0]!;
        Assert.Equal("<script>alert('x')</script> & \"quotes\"", question["json"]!["text"]!.GetValue<string>());
        var html = question["html"]!.GetValue<string>();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("O&#39;Brien &amp; Sons", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_survey_in_several_languages_asks_for_one_first()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var body = new JsonObject
        {
            ["name"] = "Bilingual",
            ["languages"] = new JsonArray("en", "es"),
            ["pages"] = new JsonArray(TakeApi.Page(new JsonObject
            {
                ["type"] = "single_choice",
                ["question"] = new JsonObject { ["en"] = "Do you like it?", ["es"] = "¿Te gusta?" },
                ["required"] = true,
                ["options"] = new JsonArray(
                    new JsonObject { ["label"] = new JsonObject { ["en"] = "Yes", ["es"] = "Sí" } },
                    new JsonObject { ["label"] = new JsonObject { ["en"] = "No", ["es"] = "No" } }),
            })),
        };
        var survey = await host.Http.CreateStartedSurveyAsync(key, body);

        var ask = await host.Http.TakeAsync(key, survey.Id());
        Assert.Equal("language_selection_required", ask.ResponseStatus);
        Assert.NotNull(ask.Token);
        var chooser = ask.Questions.Single()!["json"]!;
        Assert.Equal("language", chooser["type"]!.GetValue<string>());
        Assert.Equal(["en", "es"], chooser["answers"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal("language_selection_required", (await host.Http.SubmitAnswersAsync(key, survey.Id(), ask.Token)).ResponseStatus);

        var unknown = await host.Http.SubmitAsync(key, survey.Id(), ask.Token, new { language = "fr" });
        Assert.Equal("validation_errors", unknown.ResponseStatus);
        Assert.Equal("unknown_language", unknown.ValidationErrors.Single()!["code"]!.GetValue<string>());
        Assert.Null(unknown.ValidationErrors.Single()!["questionID"]);

        var spanish = await host.Http.SubmitAsync(key, survey.Id(), unknown.Token, new { language = "es" });
        Assert.Equal("success", spanish.ResponseStatus);
        Assert.Equal("¿Te gusta?", spanish.Questions.Single()!["json"]!["text"]!.GetValue<string>());
        Assert.Equal(["Sí", "No"], spanish.Questions.Single()!["json"]!["answers"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));

        // Asked for on the first call (a regional variant finds its base language), the language page is skipped.
        var direct = await host.Http.TakeAsync(key, survey.Id(), query: "?language=es-MX");
        Assert.Equal("success", direct.ResponseStatus);
        Assert.Equal("¿Te gusta?", direct.Questions.Single()!["json"]!["text"]!.GetValue<string>());
        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), direct.Token,
            (direct.QuestionIds[0], new[] { direct.OptionId("¿Te gusta?", "Sí") }));
        Assert.Equal("survey_complete", done.ResponseStatus);
    }

    [Fact]
    public async Task An_anonymous_survey_stores_no_respondent()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["is_anonymous"] = true }));
        var customer = "anon-" + Guid.NewGuid().ToString("N")[..8];
        var page = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}&country=US");
        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token,
            (page.QuestionIds[0], new[] { page.OptionId("Do you use our product?", "Yes") }), (page.QuestionIds[1], 5));
        Assert.Equal("survey_complete", done.ResponseStatus);

        var tenant = await TenantOfAsync(key);
        var store = host.Get<SessionStore>();
        Assert.Null(await store.GetRespondentAsync(tenant, customer, default));
        Assert.Empty(await store.ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Empty(await host.Get<SessionCompletions>().ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenant, survey.Uuid(), default));
        // Nothing ties the next visit to the last: the same customer_id simply starts another session.
        Assert.Equal("success", (await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}")).ResponseStatus);
    }

    [Fact]
    public async Task With_allow_multiple_responses_a_respondent_takes_the_survey_again_and_redirects_follow_redirect_type()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var settings = new JsonObject { ["allow_multiple_responses"] = true, ["redirect_type"] = "url",
            ["redirect_url"] = "https://example.com/thanks" };
        var survey = await host.Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey().WithSettings(settings));
        var customer = "multi-" + Guid.NewGuid().ToString("N")[..8];

        for (var round = 0; round < 2; round++)
        {
            var page = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
            Assert.Equal("success", page.ResponseStatus);
            var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token,
                (page.QuestionIds[0], new[] { page.OptionId("Do you use our product?", "Yes") }), (page.QuestionIds[1], 4 + round));
            Assert.Equal("survey_complete", done.ResponseStatus);
            Assert.Equal("https://example.com/thanks", done.Response["redirectUrl"]!.GetValue<string>());
            // The finished session's token, used again, is sent on to the completion URL.
            var back = await host.Http.TakeAsync(key, survey.Id(), done.Token);
            Assert.Equal("redirect", back.ResponseStatus);
            Assert.Equal("https://example.com/thanks", back.Response["redirectUrl"]!.GetValue<string>());
        }

        var tenant = await TenantOfAsync(key);
        var sessions = await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default);
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.True(s.IsCompleted));
        Assert.Equal(sessions[0].Respondent!.Id, sessions[1].Respondent!.Id);
        Assert.Equal([customer], await host.Get<SessionCompletions>().ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));
        var all = await host.Get<SessionStore>().GetRespondentWithSessionsAsync(tenant, customer, default);
        Assert.Equal(2, all!.Value.Sessions.Count);
    }

    private async Task<string> TenantOfAsync(string apiKey) =>
        (await host.Get<Core.Tenants.TenantStore>().FindByKeyAsync(apiKey, default))!.TenantId;
}
