using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.AccountApi;

namespace SurveyFunctions.Tests.Account;

/// <summary>
/// The Account family (the Polling.com Account Level API) over real HTTP against the standalone host and Azurite, reading
/// sessions made through the Take endpoints (<see cref="AccountWorld"/>): exactly that API's field names, order and JSON types, and the
/// human-readable answers.
/// </summary>
public sealed partial class AccountApiTests(AccountHost host) : IClassFixture<AccountHost>
{
    private static readonly (string, JsonValueKind)[] AnswerFields =
        [("id", JsonValueKind.Number), ("question_identifier", JsonValueKind.String), ("question", JsonValueKind.String),
            ("answer", JsonValueKind.String)];

    [Fact]
    public async Task A_survey_has_the_documented_shape_and_is_the_survey_the_management_api_shows()
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}", world.Key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var survey = AssertFields(reply.Body,
            ("id", JsonValueKind.Number), ("uuid", JsonValueKind.String), ("name", JsonValueKind.String), ("status", JsonValueKind.String),
            ("json", JsonValueKind.Object), ("description", JsonValueKind.Null), ("settings", JsonValueKind.Object),
                ("questions", JsonValueKind.Array),
            ("created_at", JsonValueKind.String), ("updated_at", JsonValueKind.String));
        Assert.Equal(world.SurveyUuid, survey["uuid"]!.GetValue<string>());
        Assert.Equal("active", survey["status"]!.GetValue<string>());
        AssertInstant(survey["created_at"]);
        AssertInstant(survey["updated_at"]);
        // The documented settings, in their order (plus allow_multiple_responses, ours).
        Assert.Equal(
            ["stop_criteria", "stop_value", "reward_amount", "reward_name", "complete_json", "complete_html", "start_trigger", "start_at",
                "is_anonymous",
             "redirect_url", "redirect_type", "user_hash_method", "redirect_url_disqualified", "allow_multiple_responses"],
            survey["settings"]!.AsObject().Select(p => p.Key));
        Assert.Equal("forever", survey["settings"]!["stop_criteria"]!.GetValue<string>());
        var questions = survey["questions"]!.AsArray();
        Assert.Equal(["qUses", "qSatisfaction", "qFeatures", "qOften", "qNps", "qComment"],
            questions.Select(q => q!["identifier"]!.GetValue<string>()));
        var rating = AssertFields(questions[1], ("id", JsonValueKind.Number), ("identifier", JsonValueKind.String), ("type", JsonValueKind.String),
            ("question", JsonValueKind.String), ("json", JsonValueKind.Object));
        Assert.Equal(("rating", "How satisfied are you?"), (rating["type"]!.GetValue<string>(), rating["question"]!.GetValue<string>()));

        // One survey shape for both APIs: byte for byte what GET /api/surveys/{uuid} returns.
        var management = await host.Http.GetReplyAsync($"/api/surveys/{world.SurveyUuid}", world.Key);
        Assert.Equal(management.Json.ToJsonString(), reply.Json.ToJsonString());
    }

    [Fact]
    public async Task A_completed_session_lists_every_answer_readably()
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/sessions-by-respondent/{Segment(world.Alice)}",
            world.Key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var session = AssertSession(Assert.Single(reply.Json.AsArray()), completed: true, withSurveyUuid: false);
        Assert.False(session["is_disqualified"]!.GetValue<bool>());
        Assert.True(session["completed_at"]!.GetValue<DateTimeOffset>() >= session["started_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(
            [
                ("qUses", "Do you use our product?", "Yes"),
                ("qSatisfaction", "How satisfied are you?", "4"),
                ("qFeatures", "Which features do you use?", "Reports, Export"),
                ("qOften", "How often?", "Weekly"),
                ("qNps", "How likely are you to recommend us?", "9"),
                ("qComment", "Anything else?", "Great — keep going! 🎉"),
            ],
            Answers(session));
        var ids = session["answers"]!.AsArray().Select(a => a!["id"]!.GetValue<long>()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_disqualified_session_is_completed_and_a_half_way_one_is_not()
    {
        var world = await host.WorldAsync();
        var bob = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/sessions-by-respondent/{Segment(world.Bob)}", world.Key);
        var disqualified = AssertSession(Assert.Single(bob.Json.AsArray()), completed: true, withSurveyUuid: false);
        Assert.True(disqualified["is_disqualified"]!.GetValue<bool>());
        Assert.Equal([("qUses", "Do you use our product?", "No"), ("qSatisfaction", "How satisfied are you?", "2")], Answers(disqualified));

        var carol = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/sessions-by-respondent/{Segment(world.Carol)}",
            world.Key);
        var halfWay = AssertSession(Assert.Single(carol.Json.AsArray()), completed: false, withSurveyUuid: false);
        Assert.False(halfWay["is_disqualified"]!.GetValue<bool>());
        Assert.Equal([("qUses", "Do you use our product?", "Yes"), ("qSatisfaction", "How satisfied are you?", "3")], Answers(halfWay));
    }

    [Fact]
    public async Task A_respondent_has_the_documented_profile_and_every_session_with_its_survey_uuid()
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.AccountGetAsync($"/api/account/respondents/{Segment(world.Alice)}", world.Key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        var respondent = AssertFields(reply.Body,
            ("id", JsonValueKind.Number), ("external_id", JsonValueKind.String), ("country", JsonValueKind.String), ("region", JsonValueKind.String),
            ("city", JsonValueKind.String), ("language", JsonValueKind.String), ("is_anonymous", JsonValueKind.True),
                ("is_mobile", JsonValueKind.True),
            ("lat", JsonValueKind.Number), ("lon", JsonValueKind.Number), ("last_access_at", JsonValueKind.String), ("sessions", JsonValueKind.Array),
            ("created_at", JsonValueKind.String));
        Assert.Equal(world.Alice, respondent["external_id"]!.GetValue<string>());
        Assert.Equal(("US", "California", "San Francisco", "en"),
            (respondent["country"]!.GetValue<string>(), respondent["region"]!.GetValue<string>(), respondent["city"]!.GetValue<string>(),
                respondent["language"]!.GetValue<string>()));
        Assert.Equal((37.7749, -122.4194), (respondent["lat"]!.GetValue<double>(), respondent["lon"]!.GetValue<double>()));
        Assert.False(respondent["is_anonymous"]!.GetValue<bool>());
        // Her first session was on an iPhone; the profile keeps what her latest session said (no User-Agent: not mobile).
        Assert.False(respondent["is_mobile"]!.GetValue<bool>());
        AssertInstant(respondent["created_at"]);
        AssertInstant(respondent["last_access_at"]);
        Assert.True(respondent["last_access_at"]!.GetValue<DateTimeOffset>() > respondent["created_at"]!.GetValue<DateTimeOffset>());

        // Oldest first: the three-page survey, then the second survey. Not the anonymous one, which stored no identity.
        var sessions = respondent["sessions"]!.AsArray();
        Assert.Equal([world.SurveyUuid, world.Small.Uuid()], sessions.Select(s => s!["survey_uuid"]!.GetValue<string>()));
        foreach (var session in sessions)
            AssertSession(session, completed: true, withSurveyUuid: true);
        Assert.Equal(6, sessions[0]!["answers"]!.AsArray().Count);
        Assert.Equal([("qUsesProduct", "Do you use our product?", "Yes"), ("qSatisfaction", "How satisfied are you with our service?", "5")],
            Answers(sessions[1]!));

        // Bob gave only his id, from a phone: his location is null, in the same fields; his language is the one he took it in.
        var bob = await host.Http.AccountGetAsync($"/api/account/respondents/{Segment(world.Bob)}", world.Key);
        var profile = AssertFields(bob.Body,
            ("id", JsonValueKind.Number), ("external_id", JsonValueKind.String), ("country", JsonValueKind.Null), ("region", JsonValueKind.Null),
            ("city", JsonValueKind.Null), ("language", JsonValueKind.String), ("is_anonymous", JsonValueKind.True), ("is_mobile", JsonValueKind.True),
            ("lat", JsonValueKind.Null), ("lon", JsonValueKind.Null), ("last_access_at", JsonValueKind.String), ("sessions", JsonValueKind.Array),
            ("created_at", JsonValueKind.String));
        Assert.True(profile["is_mobile"]!.GetValue<bool>());
        Assert.Equal("en", profile["language"]!.GetValue<string>());
        Assert.NotEqual(respondent["id"]!.GetValue<long>(), profile["id"]!.GetValue<long>());
        Assert.True(Assert.Single(profile["sessions"]!.AsArray())!["is_disqualified"]!.GetValue<bool>());

        // The same session reads the same in both endpoints (less survey_uuid).
        var bySurvey = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/sessions-by-respondent/{Segment(world.Alice)}",
            world.Key);
        var first = sessions[0]!.DeepClone().AsObject();
        first.Remove("survey_uuid");
        Assert.Equal(bySurvey.Json[0]!.ToJsonString(), first.ToJsonString());
    }

    [Fact]
    public async Task The_respondents_list_holds_those_who_finished_or_were_disqualified_and_not_the_half_way_ones()
    {
        var world = await host.WorldAsync();
        var reply = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/respondents/list", world.Key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var ids = reply.Json.AsArray();
        Assert.All(ids, id => Assert.Equal(JsonValueKind.String, id!.GetValueKind()));
        Assert.Equal(new[] { world.Alice, world.Bob }.Order(), ids.Select(id => id!.GetValue<string>()).Order());
        Assert.False(reply.Headers.Contains("Link"));

        var small = await host.Http.AccountGetAsync($"/api/account/surveys/{world.Small.Uuid()}/respondents/list", world.Key);
        Assert.Equal([world.Alice], small.Json.AsArray().Select(id => id!.GetValue<string>()));
        var draft = await host.Http.AccountGetAsync($"/api/account/surveys/{(await host.Http.CreateSurveyAsync(world.Key)).Uuid()}/respondents/list",
            world.Key);
        Assert.Equal(HttpStatusCode.OK, draft.Status);
        Assert.Empty(draft.Json.AsArray());
    }

    [Fact]
    public async Task The_respondents_list_pages_through_a_signed_cursor_in_the_link_header()
    {
        var world = await host.WorldAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(world.Key, SurveyApi.SmallSurvey("Paged"));
        var finished = Enumerable.Range(1, 7).Select(i => $"paged-{i}").ToArray();
        foreach (var customer in finished)
            await host.CompleteSmallAsync(world.Key, survey, customer);

        var seen = new List<string>();
        var path = $"/api/account/surveys/{survey.Uuid()}/respondents/list?limit=3";
        string? cursor = null;
        for (var page = 0; page < 20 && path is not null; page++)
        {
            // With the key in the query string: the next page's link must not carry it.
            var reply = await host.Http.AccountGetAsync(path, world.Key, "?token=");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var ids = reply.Json.AsArray().Select(id => id!.GetValue<string>()).ToArray();
            Assert.InRange(ids.Length, 0, 3);
            seen.AddRange(ids);
            path = null;
            if (reply.Headers.TryGetValues("Link", out var links))
            {
                var link = Assert.Single(links);
                Assert.Matches("^</api/account/surveys/[^>]+/respondents/list\\?limit=3&cursor=[^>&]+>; rel=\"next\"$", link);
                Assert.DoesNotContain(world.Key, link, StringComparison.Ordinal);
                path = link[1..link.IndexOf('>', StringComparison.Ordinal)];
                cursor = Uri.UnescapeDataString(path[(path.IndexOf("cursor=", StringComparison.Ordinal) + 7)..]);
            }
        }
        Assert.Null(path);
        Assert.Equal(finished.Order(), seen.Order());

        // A cursor belongs to its survey: on another survey, even the same account's, it is a 400 naming it.
        Assert.NotNull(cursor);
        var foreign = await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/respondents/list?cursor={Uri.EscapeDataString(cursor)}", world.Key);
        AssertAccountError(foreign, 400, "cursor");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{world.SurveyUuid}/respondents/list?limit=1001", world.Key), 400,
            "limit");
    }

    [Fact]
    public async Task Questions_and_answers_read_in_the_survey_default_language_whatever_the_session_language()
    {
        var world = await host.WorldAsync();
        var sessions = await host.Http.AccountGetAsync($"/api/account/surveys/{world.Bilingual.Uuid()}/sessions-by-respondent/{world.Elena}",
            world.Key);
        Assert.Equal([("qColours", "Which colours do you like?", "Red, Blue")], Answers(Assert.Single(sessions.Json.AsArray())!));
        var elena = await host.Http.AccountGetAsync($"/api/account/respondents/{world.Elena}", world.Key);
        Assert.Equal("es", elena.Json["language"]!.GetValue<string>());
        Assert.Null(elena.Json["country"]);
        Assert.Null(elena.Json["lat"]);
    }

    [Fact]
    public async Task An_anonymous_survey_stores_no_identity_so_nobody_is_found_by_it()
    {
        var world = await host.WorldAsync();
        var anonymous = world.Anonymous.Uuid();
        var alice = await host.Http.AccountGetAsync($"/api/account/surveys/{anonymous}/sessions-by-respondent/{Segment(world.Alice)}", world.Key);
        Assert.Equal(HttpStatusCode.OK, alice.Status);
        Assert.Empty(alice.Json.AsArray());
        var list = await host.Http.AccountGetAsync($"/api/account/surveys/{anonymous}/respondents/list", world.Key);
        Assert.Empty(list.Json.AsArray());
        // Dave took only the anonymous survey: he is no respondent at all.
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/respondents/{world.Dave}", world.Key), 404, "respondent");
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{anonymous}/sessions-by-respondent/{world.Dave}", world.Key), 404,
            "respondent");
    }

    [Fact]
    public async Task Answers_to_options_and_questions_edited_since_read_as_what_is_left_of_them()
    {
        var world = await host.WorldAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(world.Key, SurveyApi.SmallSurvey("Edited later"));
        await host.CompleteSmallAsync(world.Key, survey, "frank");

        // "Yes" is renamed (it keeps its id through its client id) and the rating question is removed.
        var pages = SurveyApi.SmallSurvey()["pages"]!.DeepClone();
        var questions = pages[0]!["questions"]!.AsArray();
        questions[0]!["options"]![0]!["label"] = "Yes, daily";
        questions.RemoveAt(1);
        var edited = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", new JsonObject { ["pages"] = pages }, world.Key);
        Assert.Equal(HttpStatusCode.OK, edited.Status);

        var sessions = await host.Http.AccountGetAsync($"/api/account/surveys/{survey.Uuid()}/sessions-by-respondent/frank", world.Key);
        Assert.Equal([("qUsesProduct", "Do you use our product?", "Yes, daily"), ("qSatisfaction", "qSatisfaction", "5")],
            Answers(Assert.Single(sessions.Json.AsArray())!));
    }

    [Fact]
    public async Task Sessions_of_a_deleted_survey_leave_the_respondent_with_it()
    {
        var world = await host.WorldAsync();
        var kept = await host.Http.CreateStartedSurveyAsync(world.Key, SurveyApi.SmallSurvey("Kept"));
        var deleted = await host.Http.CreateStartedSurveyAsync(world.Key, SurveyApi.SmallSurvey("Deleted"));
        await host.CompleteSmallAsync(world.Key, kept, "gina");
        await host.CompleteSmallAsync(world.Key, deleted, "gina");
        var before = await host.Http.AccountGetAsync("/api/account/respondents/gina", world.Key);
        Assert.Equal([kept.Uuid(), deleted.Uuid()], before.Json["sessions"]!.AsArray().Select(s => s!["survey_uuid"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{deleted.Uuid()}", world.Key)).Status);
        var after = await host.Http.AccountGetAsync("/api/account/respondents/gina", world.Key);
        Assert.Equal([kept.Uuid()], after.Json["sessions"]!.AsArray().Select(s => s!["survey_uuid"]!.GetValue<string>()));
        AssertAccountError(await host.Http.AccountGetAsync($"/api/account/surveys/{deleted.Uuid()}/sessions-by-respondent/gina", world.Key), 404,
            "survey");
    }

    /// <summary>A session in the documented shape (with <c>survey_uuid</c> second in a respondent's sessions), its answers too.</summary>
    private static JsonObject AssertSession(JsonNode? node, bool completed, bool withSurveyUuid)
    {
        (string, JsonValueKind)[] fields =
        [
            ("id", JsonValueKind.Number), .. withSurveyUuid ? [("survey_uuid", JsonValueKind.String)] : Array.Empty<(string, JsonValueKind)>(),
            ("is_completed", JsonValueKind.True), ("is_disqualified", JsonValueKind.True), ("started_at", JsonValueKind.String),
            ("completed_at", completed ? JsonValueKind.String : JsonValueKind.Null), ("answers", JsonValueKind.Array),
        ];
        var session = AssertFields(node, fields);
        Assert.Equal(completed, session["is_completed"]!.GetValue<bool>());
        AssertInstant(session["started_at"]);
        if (completed)
            AssertInstant(session["completed_at"]);
        foreach (var answer in session["answers"]!.AsArray())
            AssertFields(answer, AnswerFields);
        return session;
    }

    private static (string Identifier, string Question, string Answer)[] Answers(JsonNode session) =>
        session["answers"]!.AsArray()
            .Select(a => (a!["question_identifier"]!.GetValue<string>(), a["question"]!.GetValue<string>(),
                a["answer"]!.GetValue<string>())).ToArray();
}
