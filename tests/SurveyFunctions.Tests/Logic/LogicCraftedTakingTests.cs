using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// Crafted requests against survey logic in every taking family, over HTTP: answers to questions the respondent is not shown, a
/// token for a page the path skips, an old token replayed to take another branch. Each gets its family's documented refusal (or, for
/// a replay, the session's current state) and leaves storage exactly as it was.
/// </summary>
public sealed class LogicCraftedTakingTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>
    /// Page 1 "start": <c>uses</c> (Yes/No, required), an optional rating 1–5 <c>rate</c> and an optional dropdown <c>channel</c>
    /// (Web/App); "No" skips to page 3. Page 2 "middle":
    /// <c>why</c> (text) shown only when <c>rate</c> is 2 or less, and an optional text <c>more</c>. Page 3 "last": an optional NPS.
    /// </summary>
    public static JsonObject BranchySurvey() => JsonNode.Parse("""
        {"name": "Crafted", "hidden_fields": ["source"], "pages": [
          {"identifier": "start", "questions": [
             {"identifier": "uses", "type": "single_choice", "question": "Do you use it?", "required": true,
              "options": [{"client_id": "yes", "label": "Yes"}, {"client_id": "no", "label": "No"}]},
             {"identifier": "rate", "type": "rating", "question": "Rate it", "scale": {"min": 1, "max": 5}},
             {"identifier": "channel", "type": "dropdown", "question": "Where?",
              "options": [{"client_id": "web", "label": "Web"}, {"client_id": "app", "label": "App"}]}],
           "branches": [{"if": {"question": "uses", "op": "includes_any", "values": ["no"]}, "then": {"go_to": "last"}}]},
          {"identifier": "middle", "questions": [
             {"identifier": "why", "type": "text", "question": "Why so low?", "display_if": {"question": "rate", "op": "le", "value": 2}},
             {"identifier": "more", "type": "text", "question": "Anything more?"}]},
          {"identifier": "last", "questions": [{"identifier": "nps", "type": "nps", "question": "Recommend us?"}]}]}
        """)!.AsObject();

    [Fact]
    public async Task Take_refuses_an_answer_to_a_question_not_shown_with_question_not_shown_and_stores_nothing()
    {
        var (key, survey, _, middle) = await OnTheMiddlePageAsync("crafted-take");

        var before = await SnapshotAsync();
        var refused = await host.Http.SubmitAnswersAsync(key, survey.Id, middle.Token, (survey.Questions["why"], "sneaked in"),
            (survey.Questions["more"], "fine"));
        Assert.Equal("validation_errors", refused.ResponseStatus);
        var error = Assert.Single(refused.ValidationErrors)!;
        Assert.Equal((survey.Questions["why"], "question_not_shown"), (error["questionID"]!.GetValue<long>(), error["code"]!.GetValue<string>()));
        Assert.Equal([survey.Questions["more"]], refused.QuestionIds);
        StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(), "an answer to a question not shown");
        // A question on a page the path skipped is not on this page either.
        var skipped = await host.Http.SubmitAnswersAsync(key, survey.Id, middle.Token, (survey.Questions["nps"], 9));
        Assert.Equal("validation_errors", skipped.ResponseStatus);
        StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(), "an answer to a question of another page");
    }

    [Fact]
    public async Task Responses_submit_refuses_answers_to_questions_not_shown_with_400_and_stores_nothing()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = LogicSurveyIds.Of(await host.Http.CreateStartedSurveyAsync(key, BranchySurvey()));
        var (id, _, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 4242);
        (string Name, JsonArray Answers, long Question)[] cases =
        [
            ("hidden by its display condition", ResponsesApi.Answers(ResponsesApi.Choice(survey.Questions["uses"], survey.Options["yes"]),
                ResponsesApi.Rating(survey.Questions["rate"], 5), ResponsesApi.Text(survey.Questions["why"], "sneaked in")), survey.Questions["why"]),
            ("on a page the branch skips", ResponsesApi.Answers(ResponsesApi.Choice(survey.Questions["uses"], survey.Options["no"]),
                ResponsesApi.Text(survey.Questions["more"], "sneaked in")), survey.Questions["more"]),
        ];
        foreach (var (name, answers, question) in cases)
        {
            var before = await SnapshotAsync();
            var reply = await host.Http.SubmitResponseAsync(id, answers, apiKey: key);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{name}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            var error = Assert.Single(reply.Json["errors"]!.AsArray())!;
            Assert.Equal("BadRequest", error["code"]!.GetValue<string>());
            Assert.Contains(question.ToString(System.Globalization.CultureInfo.InvariantCulture), error["title"]!.GetValue<string>(),
                StringComparison.Ordinal);
            StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(), name);
        }
    }

    [Fact]
    public async Task Panelist_submit_page_refuses_an_answer_to_a_question_not_shown_and_stores_nothing()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = LogicSurveyIds.Of(await host.Http.CreateStartedSurveyAsync(key, BranchySurvey()));
        var publicKey = await host.Http.PublicKeyAsync(key, survey.Uuid, "crafted-panelist");
        var opened = await host.Http.OpenAsync(publicKey);
        var middle = await host.Http.SubmitAsync(publicKey, opened.SessionToken(), (survey.Questions["uses"], new[] { survey.Options["yes"] }),
            (survey.Questions["rate"], 4));
        Assert.Equal("success", middle.Status());

        // Every panelist call notes the panelist's activity time on their record; the session and everything else stay as they were.
        var before = await SnapshotAsync(exceptTable: "panelists");
        var refused = await host.Http.SubmitAsync(publicKey, middle.SessionToken(), (survey.Questions["why"], "sneaked in"));
        Assert.Equal("validation_errors", refused.Status());
        var error = Assert.Single(refused.Json["validationErrors"]!.AsArray())!;
        Assert.Equal((survey.Questions["why"], "question_not_shown"), (error["questionID"]!.GetValue<long>(), error["code"]!.GetValue<string>()));
        StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(exceptTable: "panelists"), "a panelist's answer to a question not shown");
    }

    [Fact]
    public async Task A_token_for_a_page_the_path_skips_is_refused_with_page_not_on_path()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var survey = LogicSurveyIds.Of(await host.Http.CreateStartedSurveyAsync(key, BranchySurvey()));
        var first = await host.Http.TakeAsync(key, survey.Id, query: "?customer_id=crafted-skip");
        var last = await host.Http.SubmitAnswersAsync(key, survey.Id, first.Token, (survey.Questions["uses"], new[] { survey.Options["no"] }));
        Assert.Equal([survey.Questions["nps"]], last.QuestionIds);

        // A token correctly signed for page 2, which this respondent's path skips (as a client holding the signing key could make).
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenantId, "crafted-skip", survey.Uuid, default));
        var forged = host.Get<SessionTokens>().Issue(session, 1);
        var before = await SnapshotAsync();
        var refused = await host.Http.SubmitAnswersAsync(key, survey.Id, forged, (survey.Questions["more"], "sneaked in"));
        Assert.Equal("validation_errors", refused.ResponseStatus);
        Assert.Equal("page_not_on_path", Assert.Single(refused.ValidationErrors)!["code"]!.GetValue<string>());
        Assert.Equal([survey.Questions["nps"]], refused.QuestionIds);
        StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(), "a page the path skips");
    }

    [Fact]
    public async Task Replaying_an_old_token_cannot_take_another_branch()
    {
        var (key, survey, first, middle) = await OnTheMiddlePageAsync("crafted-replay");

        var before = await SnapshotAsync();
        var replayed = await host.Http.SubmitAnswersAsync(key, survey.Id, first.Token, (survey.Questions["uses"], new[] { survey.Options["no"] }));
        Assert.Equal("success", replayed.ResponseStatus);
        Assert.Equal(middle.QuestionIds, replayed.QuestionIds);
        StorageSnapshot.AssertUnchanged(before, await SnapshotAsync(), "a replayed token");
        var stored = await host.Http.AccountGetAsync($"/api/account/surveys/{survey.Uuid}/sessions-by-respondent/crafted-replay", key);
        Assert.Equal(["uses=Yes", "rate=5"], stored.Json[0]!["answers"]!.AsArray()
            .Select(a => $"{a!["question_identifier"]!.GetValue<string>()}={a["answer"]!.GetValue<string>()}"));
    }

    [Fact]
    public async Task A_condition_may_name_an_option_by_its_id_as_well_as_by_its_client_id()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var draft = LogicSurveyIds.Of(await host.Http.CreateSurveyAsync(key, BranchySurvey()));
        // The same survey, its branch naming "No" by the id the server gave it (options keep their ids across a PATCH).
        var body = BranchySurvey();
        body["pages"]![0]!["branches"]![0]!["if"]!["values"] = new JsonArray(draft.Options["no"]);
        var patched = await host.Http.PatchReplyAsync($"/api/surveys/{draft.Uuid}", new JsonObject { ["pages"] = body["pages"]!.DeepClone() }, key);
        Assert.True(patched.Status == HttpStatusCode.OK, $"{(int)patched.Status} {patched.Body?.ToJsonString()}");
        Assert.Equal(draft.Options["no"], patched.Json["json"]!["pages"]![0]!["branches"]![0]!["if"]!["values"]![0]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{draft.Uuid}/start", null, key)).Status);

        var first = await host.Http.TakeAsync(key, draft.Id, query: "?customer_id=by-id");
        var next = await host.Http.SubmitAnswersAsync(key, draft.Id, first.Token, (draft.Questions["uses"], new[] { draft.Options["no"] }));
        Assert.Equal([draft.Questions["nps"]], next.QuestionIds);
        // An id that is no option of the question is refused like an unknown client id.
        body["pages"]![0]!["branches"]![0]!["if"]!["values"] = new JsonArray(draft.Options["web"]);
        var refused = await host.Http.PostReplyAsync("/api/surveys", body, key);
        Assert.Equal((HttpStatusCode.BadRequest, "pages[0].branches[0].if.values[0]"),
            (refused.Status, refused.Json["error"]!["field"]!.GetValue<string>()));
    }

    /// <summary>A respondent who answered "Yes" and 5 on the first page: the middle page shows only <c>more</c>.</summary>
    private async Task<(string Key, LogicSurveyIds Survey, TakeApi.TakeReply First, TakeApi.TakeReply Middle)> OnTheMiddlePageAsync(string customer)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = LogicSurveyIds.Of(await host.Http.CreateStartedSurveyAsync(key, BranchySurvey()));
        var first = await host.Http.TakeAsync(key, survey.Id, query: $"?customer_id={customer}");
        var middle = await host.Http.SubmitAnswersAsync(key, survey.Id, first.Token, (survey.Questions["uses"], new[] { survey.Options["yes"] }),
            (survey.Questions["rate"], 5));
        Assert.Equal([survey.Questions["more"]], middle.QuestionIds);
        return (key, survey, first, middle);
    }

    private async Task<IReadOnlySet<string>> SnapshotAsync(string? exceptTable = null)
    {
        var rows = await StorageSnapshot.TakeAsync(host.Get<SurveyStorage>());
        return exceptTable is null ? rows : rows.Where(r => !r.StartsWith(exceptTable + " ", StringComparison.Ordinal)).ToHashSet();
    }
}
