using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Tenants;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// The Responses family over HTTP: creating a response (links, rating links, expiry), submitting its answers with the API
/// key or its access token, submitting again to change them with counts exact, and the documented errors in its envelope.
/// </summary>
public sealed partial class ResponseSubmissionTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private const long Responder = 4398080151295;

    [Fact]
    public async Task Create_returns_the_page_link_one_rating_link_per_value_and_the_expiry()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var before = host.Clock.GetUtcNow();
        var (id, token, body) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder, ["zen:ticket:99"], "en-US");
        var after = host.Clock.GetUtcNow();

        Assert.Matches("^[0-7][0-9A-HJKMNP-TV-Z]{25}$", id);
        var response = body["survey_response"]!;
        Assert.Equal(["id", "links", "expires_at"], response.AsObject().Select(p => p.Key));
        var links = response["links"]!;
        Assert.Equal("rating_link_emoji", links["type"]!.GetValue<string>());
        Assert.Equal($"/hc/en-us/survey_responses/{id}?access_token={Uri.EscapeDataString(token)}", links["url_path"]!.GetValue<string>());
        var ratingLinks = links["rating_links"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5], ratingLinks.Select(l => l!["rating"]!.GetValue<int>()));
        Assert.Equal(["Very unsatisfied", "2", "3", "4", "Very satisfied"], ratingLinks.Select(l => l!["label"]!["value"]!.GetValue<string>()));
        Assert.Equal(["😞", "🙁", "😐", "🙂", "😀"], ratingLinks.Select(l => l!["emoji"]!["value"]!.GetValue<string>()));
        Assert.All(ratingLinks, l =>
        {
            Assert.Equal("static", l!["label"]!["type"]!.GetValue<string>());
            Assert.Equal("static", l["emoji"]!["type"]!.GetValue<string>());
            Assert.Null(l["label"]!["key"]);
            Assert.Equal(links["url_path"]!.GetValue<string>() + "&rating=" + l["rating"]!.GetValue<int>(), l["url_path"]!.GetValue<string>());
        });

        var expires = DateTimeOffset.Parse(response["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", response["expires_at"]!.GetValue<string>());
        Assert.InRange(expires, before.AddDays(14).AddMilliseconds(-1), after.AddDays(14).AddMilliseconds(1));
    }

    [Fact]
    public async Task A_survey_without_a_rating_question_gets_a_plain_link()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, new JsonObject
        {
            ["name"] = "Comments only",
            ["pages"] = new JsonArray(TakeApi.Page(TakeApi.Question("comment", "text", "Anything?", false, null))),
        });
        var (id, _, body) = await host.Http.CreateResponseAsync(key, survey.Uuid(), 7, locale: "de");
        var links = body["survey_response"]!["links"]!;
        Assert.Equal("link", links["type"]!.GetValue<string>());
        Assert.Empty(links["rating_links"]!.AsArray());
        // A locale the survey does not offer keeps its links in that locale; the survey's default language answers.
        Assert.StartsWith($"/hc/de/survey_responses/{id}?access_token=", links["url_path"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_errors_are_the_documented_ones()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, Guid.NewGuid().ToString(), Responder), 404, "NotFound",
            "The survey is not found by provided id");
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, "12345678", Responder), 404, "NotFound",
            "The survey is not found by provided id");

        var draft = (await host.Http.CreateSurveyAsync(key, CsatSurvey())).Uuid();
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, draft, Responder), 409, "Conflict",
            "The survey associated with this survey response has been disabled");
        var paused = (await host.Http.CreateStartedSurveyAsync(key, CsatSurvey())).Uuid();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{paused}/pause", null, key)).Status);
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, paused, Responder), 409, "Conflict",
            "The survey associated with this survey response has been disabled");
        var closed = (await host.Http.CreateStartedSurveyAsync(key, CsatSurvey())).Uuid();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{closed}/close", null, key)).Status);
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, closed, Responder), 409, "Conflict",
            "The survey associated with this survey response has been disabled");

        var open = (await host.Http.CreateStartedSurveyAsync(key, CsatSurvey())).Uuid();
        var body = new JsonObject { ["survey_response"] = new JsonObject { ["survey_id"] = open, ["responder_id"] = 1 } };
        await AssertErrorAsync(await host.Http.SendAsync(HttpMethod.Post, Root, body), 401, "Unauthorized", "Unauthorized to access the resource");
        await AssertErrorAsync(await host.Http.SendAsync(HttpMethod.Post, Root, body, configure: Basic("sfk_not-a-key")), 401, "Unauthorized",
            "Unauthorized to access the resource");
        // The integer id works as well as the uuid, and every header form of the key.
        var survey = await host.Http.CreateStartedSurveyAsync(key, CsatSurvey());
        body["survey_response"]!["survey_id"] = survey.Id();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(HttpMethod.Post, Root, body, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(HttpMethod.Post, Root, body,
            configure: r => r.Headers.Add("Authorization", "Bearer " + key))).Status);
    }

    [Fact]
    public async Task Submitting_stores_every_answer_type_and_returns_the_response_as_the_documentation_shows_it()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.CreateStartedSurveyAsync(key, CsatSurvey());
        var survey = IdsOf(created);
        var (id, _, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder,
            ["zen:ticket:99", "zen:conversation:4295a81b-ccdd-4998-88d9-0eff5e76dc44"], "en-us");

        var reply = await host.Http.SubmitResponseAsync(id, Answers(
            Rating(survey.Questions["csatRating"], 1),
            Choice(survey.Questions["reason"], survey.Options["The issue took too long to resolve"]),
            Text(survey.Questions["comment"], "I had to repeatedly answer the same questions."),
            Skip(survey.Questions["additional"])), apiKey: key);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var response = reply.Json["survey_response"]!;
        Assert.Equal(["answers", "expires_at", "id", "responder_id", "subject_zrns", "subjects", "survey"], response.AsObject().Select(p => p.Key));
        Assert.Equal(id, response["id"]!.GetValue<string>());
        Assert.Equal(Responder, response["responder_id"]!.GetValue<long>());
        Assert.Equal(["zen:ticket:99", "zen:conversation:4295a81b-ccdd-4998-88d9-0eff5e76dc44"],
            response["subject_zrns"]!.AsArray().Select(z => z!.GetValue<string>()));
        Assert.Equal(
            """[{"id":"99","type":"ticket","zrn":"zen:ticket:99"},{"id":"4295a81b-ccdd-4998-88d9-0eff5e76dc44","type":"conversation","zrn":"zen:conversation:4295a81b-ccdd-4998-88d9-0eff5e76dc44"}]""",
            response["subjects"]!.ToJsonString());
        Assert.Equal(survey.Uuid, response["survey"]!["id"]!.GetValue<string>());
        Assert.Equal("enabled", response["survey"]!["state"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.Parse(created["updated_at"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(),
            response["survey"]!["version"]!.GetValue<long>());

        var answers = response["answers"]!.AsArray();
        Assert.Equal(4, answers.Count);
        var rating = answers[0]!;
        Assert.Equal("rating_scale", rating["type"]!.GetValue<string>());
        Assert.Equal(1, rating["rating"]!.GetValue<int>());
        Assert.Equal("bad", rating["rating_category"]!.GetValue<string>());
        Assert.Equal($$"""{"id":"{{survey.Questions["csatRating"]}}","sub_type":"customer_satisfaction","type":"rating_scale_numeric"}""",
            rating["question"]!.ToJsonString());
        var choice = answers[1]!;
        Assert.Equal("closed_ended", choice["type"]!.GetValue<string>());
        Assert.Equal($$"""[{"option_id":"{{survey.Options["The issue took too long to resolve"]}}","type":"predefined"}]""",
            choice["selections"]!.ToJsonString());
        Assert.Equal($$"""{"id":"{{survey.Questions["reason"]}}","type":"closed_ended"}""", choice["question"]!.ToJsonString());
        var text = answers[2]!;
        Assert.Equal("open_ended", text["type"]!.GetValue<string>());
        Assert.Equal("I had to repeatedly answer the same questions.", text["value"]!.GetValue<string>());
        Assert.Equal($$"""{"id":"{{survey.Questions["comment"]}}","type":"open_ended"}""", text["question"]!.ToJsonString());
        var skipped = answers[3]!;
        Assert.Equal(["created_at", "question", "type", "updated_at"], skipped.AsObject().Select(p => p.Key));
        Assert.Equal("skipped", skipped["type"]!.GetValue<string>());
        Assert.All(answers, a =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", a!["created_at"]!.GetValue<string>());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", a["updated_at"]!.GetValue<string>());
        });

        // The response is a session of the shared domain: the respondent's (the Account family's view) and counted once.
        var tenantId = await TenantIdAsync(key);
        Assert.Equal(tenant, tenantId);
        var sessions = await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId,
            Responder.ToString(System.Globalization.CultureInfo.InvariantCulture), survey.Uuid, default);
        var session = Assert.Single(sessions);
        Assert.True(session.IsCompleted);
        Assert.Equal(3, session.Answers.Count);
        Assert.Equal("I had to repeatedly answer the same questions.", session.AnswerTo(survey.Questions["comment"])!.Text);
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
    }

    [Fact]
    public async Task Submitting_again_updates_the_answers_and_counts_the_response_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var tenantId = await TenantIdAsync(key);
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder, ["zen:ticket:1"]);

        // A rating link's rating alone (the other questions are optional), then the rest through the page, then a change.
        var first = await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], 2)), accessToken: token);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var firstRating = first.Json["survey_response"]!["answers"]![0]!;
        Assert.Equal("bad", firstRating["rating_category"]!.GetValue<string>());
        Assert.Equal(["rating_scale", "skipped", "skipped", "skipped"], Types(first));

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await host.Http.SubmitResponseAsync(id, Answers(
            Choice(survey.Questions["reason"], survey.Options["Friendly agent"]),
            Text(survey.Questions["comment"], "Quick and kind.")), accessToken: token);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(["rating_scale", "closed_ended", "open_ended", "skipped"], Types(second));
        // The rating was not sent again: it is the same answer, created and updated when it was first given.
        Assert.Equal(firstRating.ToJsonString(), second.Json["survey_response"]!["answers"]![0]!.ToJsonString());

        host.Clock.Advance(TimeSpan.FromSeconds(5));
        var third = await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], 5), Skip(survey.Questions["comment"])),
            apiKey: key);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(["rating_scale", "closed_ended", "skipped", "skipped"], Types(third));
        var changed = third.Json["survey_response"]!["answers"]![0]!;
        Assert.Equal(5, changed["rating"]!.GetValue<int>());
        Assert.Equal("good", changed["rating_category"]!.GetValue<string>());
        Assert.Equal(firstRating["created_at"]!.GetValue<string>(), changed["created_at"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(changed["updated_at"]!.GetValue<string>(), firstRating["updated_at"]!.GetValue<string>()) > 0);

        // Three submissions, one response: one session, counted once, holding the latest answers.
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId,
            Responder.ToString(System.Globalization.CultureInfo.InvariantCulture), survey.Uuid, default));
        Assert.Equal(5, session.AnswerTo(survey.Questions["csatRating"])!.Value);
        Assert.Null(session.AnswerTo(survey.Questions["comment"]));
        Assert.Equal([survey.Options["Friendly agent"]], session.AnswerTo(survey.Questions["reason"])!.OptionIds);

        // Concurrent resubmissions of one response: each applies on top of the other, and the count does not move.
        var racing = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            host.Http.SubmitResponseAsync(id, Answers(Text(survey.Questions["additional"], $"note {i}")), apiKey: key)));
        Assert.All(racing, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
        var shown = await host.Http.ShowResponseAsync("en-us", id, key);
        Assert.Equal(5, shown.Json["survey_response"]!["answers"]![0]!["rating"]!.GetValue<int>());
        Assert.StartsWith("note ", shown.Json["survey_response"]!["answers"]![3]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_responses_of_one_responder_are_two_sessions_each_counted_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var tenantId = await TenantIdAsync(key);
        var first = await host.Http.CreateResponseAsync(key, survey.Uuid, 42, ["zen:ticket:1"]);
        var second = await host.Http.CreateResponseAsync(key, survey.Uuid, 42, ["zen:ticket:2"]);
        Assert.True(string.CompareOrdinal(first.Id, second.Id) < 0);
        foreach (var (id, rating) in new[] { (first.Id, 3), (second.Id, 4) })
            Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], rating)),
                apiKey: key)).Status);
        var sessions = await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "42", survey.Uuid, default);
        Assert.Equal([3L, 4L], sessions.Select(s => s.AnswerTo(survey.Questions["csatRating"])!.Value!.Value));
        Assert.Equal((2L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
        Assert.Equal("neutral", (await host.Http.ShowResponseAsync("en", first.Id,
            key)).Json["survey_response"]!["answers"]![0]!["rating_category"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invalid_answers_are_refused_and_nothing_is_stored()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var tenantId = await TenantIdAsync(key);
        var (id, _, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder);
        var rating = survey.Questions["csatRating"];
        var other = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));

        (string Case, JsonArray Answers, string Says)[] cases =
        [
            ("required rating missing", Answers(Text(survey.Questions["comment"], "hi")), "requires an answer"),
            ("required rating skipped", Answers(Skip(rating)), "requires an answer"),
            ("rating out of range", Answers(Rating(rating, 6)), "from 1 to 5"),
            ("rating below range", Answers(Rating(rating, 0)), "from 1 to 5"),
            ("wrong type for the question", Answers(Text(rating, "five")), "rating_scale"),
            ("choice given for a rating", Answers(Choice(rating, survey.Options["Friendly agent"])), "rating_scale"),
            ("unknown question", Answers(Rating(rating, 3), Text(999_999, "x")), "not a question of this survey"),
            ("another survey's question", Answers(Rating(rating, 3), Text(other.Questions["comment"], "x")), "not a question of this survey"),
            ("another question's option", Answers(Rating(rating, 3), Choice(survey.Questions["reason"], other.Options["Friendly agent"])),
                "is not an answer of question"),
            ("two options on a single choice", Answers(Rating(rating, 3),
                Choice(survey.Questions["reason"], survey.Options["Friendly agent"], survey.Options["The issue took too long to resolve"])),
                    "takes one answer"),
            ("a question twice", Answers(Rating(rating, 3), Rating(rating, 4)), "more than once"),
        ];
        foreach (var (name, answers, says) in cases)
        {
            var reply = await host.Http.SubmitResponseAsync(id, answers, apiKey: key);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{name}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            PlatformTests.AssertEnvelope("responses", reply, 400);
            Assert.Equal("BadRequest", reply.Json["errors"]![0]!["code"]!.GetValue<string>());
            Assert.Contains(says, reply.Json["errors"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId,
            Responder.ToString(System.Globalization.CultureInfo.InvariantCulture), survey.Uuid, default));
        Assert.False(session.IsCompleted);
        Assert.Empty(session.Answers);
        Assert.Equal((0L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
        Assert.Empty((await host.Http.ShowResponseAsync("en", id, key)).Json["survey_response"]!["answers"]!.AsArray());

        // Both spellings of a selection work: the documented request (pre_defined/value) and its responses (predefined/option_id).
        var echoed = new JsonObject
        {
            ["question_id"] = survey.Questions["reason"].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = "closed_ended",
            ["selections"] = new JsonArray(new JsonObject
                { ["option_id"] = survey.Options["Friendly agent"].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["type"] = "predefined" }),
        };
        var ok = await host.Http.SubmitResponseAsync(id, Answers(Rating(rating, 4), echoed), apiKey: key);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(["rating_scale", "closed_ended", "skipped", "skipped"], Types(ok));
    }

    [Fact]
    public async Task Access_tokens_open_their_own_response_only()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var mine = await host.Http.CreateResponseAsync(key, survey.Uuid, 1);
        var theirs = await host.Http.CreateResponseAsync(key, survey.Uuid, 2);
        var answers = Answers(Rating(survey.Questions["csatRating"], 4));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(mine.Id, answers, accessToken: mine.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.ShowResponseAsync("en-us", mine.Id, accessToken: mine.AccessToken)).Status);

        await AssertErrorAsync(await host.Http.SubmitResponseAsync(mine.Id, answers, accessToken: theirs.AccessToken), 403, "Forbidden",
            "Access to the resource is forbidden");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en-us", mine.Id, accessToken: theirs.AccessToken), 403, "Forbidden",
            "Access to the resource is forbidden");
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(mine.Id, answers), 401, "Unauthorized", "Unauthorized to access the resource");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en-us", mine.Id), 401, "Unauthorized", "Unauthorized to access the resource");
        foreach (var tampered in Tampered(mine.AccessToken))
            await AssertErrorAsync(await host.Http.SubmitResponseAsync(mine.Id, answers, accessToken: tampered), 401, "Unauthorized",
                "Unauthorized to access the resource");
        // A token of another kind (a list cursor is signed by the same key) is no access token.
        var cursor = (await host.Http.ListResponsesAsync(key, "?page[size]=1")).Json["meta"]!["after_cursor"]!.GetValue<string>();
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(mine.Id, answers, accessToken: cursor), 401, "Unauthorized",
            "Unauthorized to access the resource");
        // A bad API key is refused even when a good token comes along.
        await AssertErrorAsync(await host.Http.SendAsync(HttpMethod.Post, $"{Root}/{mine.Id}?access_token={Uri.EscapeDataString(mine.AccessToken)}",
            new JsonObject { ["survey_response"] = new JsonObject { ["answers"] = answers.DeepClone() } }, configure: Basic("sfk_wrong")), 401,
                "Unauthorized", "Unauthorized to access the resource");
        // Their response is untouched by all of this.
        Assert.Empty((await host.Http.ShowResponseAsync("en", theirs.Id, key)).Json["survey_response"]!["answers"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_responses_and_disabled_surveys_are_the_documented_errors()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var answers = Answers(Rating(survey.Questions["csatRating"], 4));
        await AssertErrorAsync(await host.Http.SubmitResponseAsync("01J1WB51MG6HXTYWE6Q0C93RNW", answers, apiKey: key), 404, "NotFound",
            "The survey response could not be found");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en-us", "01J1WB51MG6HXTYWE6Q0C93RNW", key), 404, "NotFound",
            "The survey response could not be found");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en-us", "not-a-ulid", key), 404, "NotFound",
            "The survey response could not be found");

        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder);
        var (answered, _, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, Responder + 1);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(answered, answers, apiKey: key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid}/pause", null, key)).Status);
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(id, answers, accessToken: token), 409, "Conflict",
            "The survey associated with this survey response has been disabled");
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(answered, answers, apiKey: key), 409, "Conflict",
            "The survey associated with this survey response has been disabled");
        var shown = await host.Http.ShowResponseAsync("en-us", answered, key);
        Assert.Equal("disabled", shown.Json["survey_response"]!["survey"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid}/start", null, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, answers, accessToken: token)).Status);
    }

    [Fact]
    public async Task A_response_cap_counts_responses_exactly_and_answered_ones_can_still_change()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key,
            CsatSurvey(new JsonObject { ["stop_criteria"] = "responses", ["stop_value"] = 3 })));
        var tenantId = await TenantIdAsync(key);
        var offered = new List<string>();
        for (var i = 0; i < 10; i++)
            offered.Add((await host.Http.CreateResponseAsync(key, survey.Uuid, 500 + i)).Id);
        var replies = await Task.WhenAll(offered.Select(id => host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], 3)),
            apiKey: key)));
        Assert.Equal(3, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK),
            r => Assert.Equal("Conflict", r.Json["errors"]![0]!["code"]!.GetValue<string>()));
        Assert.Equal((3L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));

        var winner = offered[Array.FindIndex(replies, r => r.Status == HttpStatusCode.OK)];
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(winner, Answers(Rating(survey.Questions["csatRating"], 1)),
            apiKey: key)).Status);
        Assert.Equal((3L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(key, survey.Uuid, 999), 409, "Conflict",
            "The survey associated with this survey response has been disabled");
    }

    [Fact]
    public async Task An_anonymous_survey_takes_responses_without_a_respondent_profile()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey(new JsonObject { ["is_anonymous"] = true })));
        var tenantId = await TenantIdAsync(key);
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 77, ["zen:ticket:5"]);
        var reply = await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], 4)), accessToken: token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(77, reply.Json["survey_response"]!["responder_id"]!.GetValue<long>());
        Assert.Empty(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "77", survey.Uuid, default));
        Assert.Equal((1L, 0L), await host.Get<SessionCompletions>().CountAsync(tenantId, survey.Uuid, default));
    }

    internal static string[] Types(Api.Reply reply) =>
        reply.Json["survey_response"]!["answers"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()).ToArray();

    internal static Task AssertErrorAsync(Api.Reply reply, int status, string code, string title)
    {
        Assert.True((int)reply.Status == status, $"expected {status}, got {(int)reply.Status}: {reply.Body?.ToJsonString()}");
        Assert.Equal($$"""{"errors":[{"code":"{{code}}","status":"{{status}}","title":"{{title}}"}]}""", reply.Json.ToJsonString());
        return Task.CompletedTask;
    }

    private async Task<string> TenantIdAsync(string key) => (await host.Get<TenantStore>().FindByKeyAsync(key, default))!.TenantId;

    /// <summary>The token with its payload, its signature or its header changed, cut short, and as junk.</summary>
    internal static IEnumerable<string> Tampered(string token)
    {
        var parts = token.Split('.');
        string Flip(string part) => (part[0] == 'A' ? 'B' : 'A') + part[1..];
        yield return string.Join('.', parts[0], Flip(parts[1]), parts[2]);
        yield return string.Join('.', parts[0], parts[1], Flip(parts[2]));
        yield return string.Join('.', Flip(parts[0]), parts[1], parts[2]);
        yield return string.Join('.', parts[0], parts[1]);
        yield return "garbage";
        yield return Regex.Replace(token, "[A-Za-z]", "x");
    }
}
