using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Idempotency.KeyedCall;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on submits and public routes: votes counted once however often and however concurrently they are
/// retried, Take's page replayed with its session token, keys scoped to a session, and a crashed request's claim freed by its lease.
/// </summary>
public sealed class IdempotentSubmitTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Twenty_concurrent_votes_with_one_key_count_once_and_a_replay_counts_nothing()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(apiKey, new { show_results_after_vote = true });
        var token = await host.Http.EmbedTokenAsync(poll);
        var body = $$"""{"option_ids":["opt_2"],"_token":"{{token}}","fingerprint":"retrying-voter"}""";
        var key = NewKey();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Http.PostAsync($"/api/polls/{poll}/vote", body, key)));

        var executed = Assert.Single(answers, a => a.Status == HttpStatusCode.OK && !a.Replayed);
        Assert.All(answers.Where(a => a != executed), a => Assert.True(a.Replayed || a.Status == HttpStatusCode.Conflict, a.Text));
        var (total, counts) = await host.Http.WaitForAggregationAsync(poll, apiKey);
        Assert.Equal(1, total);
        Assert.Equal(1, counts["opt_2"]);

        var storage = host.Get<SurveyStorage>();
        var before = await StorageSnapshot.TakeAsync(storage);
        AssertSameAnswer(executed, await host.Http.PostAsync($"/api/polls/{poll}/vote", body, key));
        StorageSnapshot.AssertUnchanged(before, await StorageSnapshot.TakeAsync(storage), "a replayed vote");
        Assert.Equal(1, (await host.Http.WaitForAggregationAsync(poll, apiKey)).Total);

        // The same key for another voter's vote is another request: 422 in the Polls envelope, nothing counted.
        var other = await host.Http.PostAsync($"/api/polls/{poll}/vote", body.Replace("retrying-voter", "someone-else", StringComparison.Ordinal),
            key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("idempotency_key_reused", other.Json["error"]!["code"]!.GetValue<string>());
        Assert.Equal(1, (await host.Http.WaitForAggregationAsync(poll, apiKey)).Total);
    }

    [Fact]
    public async Task A_retried_page_submission_replays_its_page_and_token_and_another_session_with_the_key_is_422()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.CreateStartedSurveyAsync(apiKey, SurveyApi.SmallSurvey());
        var (survey, uuid) = (created.Id(), created.Uuid());
        var first = await host.Http.TakeAsync(apiKey, survey);
        var body = new JsonObject { ["answers"] = TakeApi.Answers(
            (first.QuestionId("Do you use our product?"), new[] { first.OptionId("Do you use our product?", "Yes") }),
            (first.QuestionId("How satisfied are you with our service?"), 4)) }.ToJsonString();
        Action<HttpRequestMessage> Session(string token) => r =>
        {
            r.Headers.Add("api-key", apiKey);
            r.Headers.Add("x-survey-token", token);
        };
        var key = NewKey();
        var submitted = await host.Http.PostAsync($"/a/api/v2/surveys/{survey}/submit-page", body, key, Session(first.Token!));
        Assert.Equal("survey_complete", submitted.Json["response"]!["status"]!.GetValue<string>());
        Assert.NotNull(submitted.Header("x-survey-token"));
        AssertSameAnswer(submitted, await host.Http.PostAsync($"/a/api/v2/surveys/{survey}/submit-page", body, key, Session(first.Token!)));
        var results = await host.Http.WaitForSurveyAggregationAsync(uuid, apiKey);
        Assert.Equal(1, results["completed_sessions"]!.GetValue<long>());

        var second = await host.Http.TakeAsync(apiKey, survey);
        var reused = await host.Http.PostAsync($"/a/api/v2/surveys/{survey}/submit-page", body, key, Session(second.Token!));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        var error = reused.Json["response"]!["error"]!;
        Assert.Equal("UNPROCESSABLE_ENTITY", error["name"]!.GetValue<string>());
        Assert.Equal(422, error["httpStatusCode"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_crashed_requests_claim_holds_the_key_until_its_lease_ends_then_the_retry_runs()
    {
        var (tenantId, apiKey, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        // What a process killed mid-request leaves: a claim "in progress" for this request, never completed nor released.
        var request = new DefaultHttpContext().Request;
        request.Method = "POST";
        var fingerprint = IdempotencyKeys.Fingerprint(request, "api/polls", new IdempotencyPolicy(), Encoding.UTF8.GetBytes(PollBody));
        var now = host.Clock.GetUtcNow();
        await host.Get<SurveyStorage>().TableService.GetTableClient(StorageNames.IdempotencyTable).AddEntityAsync(
            new TableEntity(IdempotencyKeys.TenantScope(tenantId), IdempotencyKeys.RowKey("POST", "api/polls", key))
            {
                ["State"] = "pending", ["Fingerprint"] = fingerprint, ["LeaseUntil"] = now.AddSeconds(240), ["ExpiresAt"] = now.AddHours(24),
            });

        var busy = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.Conflict, busy.Status);
        Assert.Equal("idempotency_key_in_progress", busy.Json["error"]!["code"]!.GetValue<string>());
        Assert.Contains("still in progress", busy.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray());

        host.Clock.Advance(TimeSpan.FromSeconds(241));
        var retried = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.False(retried.Replayed);
        AssertSameAnswer(retried, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey)));
        Assert.Single((await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray());
    }

    [Fact]
    public async Task A_responder_submitting_with_the_access_token_gets_the_replay_and_the_422_in_the_Responses_envelope()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(apiKey, ResponsesApi.CsatSurvey());
        var ids = ResponsesApi.IdsOf(survey);
        var (id, accessToken, _) = await host.Http.CreateResponseAsync(apiKey, survey.Id(), 42);
        var path = $"{ResponsesApi.Root}/{id}?access_token={Uri.EscapeDataString(accessToken)}";
        string Body(int rating) => new JsonObject { ["survey_response"] = new JsonObject { ["answers"] = ResponsesApi.Answers(
            ResponsesApi.Rating(ids.Questions["csatRating"], rating)) } }.ToJsonString();
        var key = NewKey();
        var first = await host.Http.PostAsync(path, Body(5), key);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertSameAnswer(first, await host.Http.PostAsync(path, Body(5), key));

        var changed = await host.Http.PostAsync(path, Body(2), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.Status);
        var error = Assert.Single(changed.Json["errors"]!.AsArray())!;
        Assert.Equal("UnprocessableEntity", error["code"]!.GetValue<string>());
        Assert.Equal("422", error["status"]!.GetValue<string>());
    }
}
