using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Idempotency.KeyedCall;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>
/// The other creates and submits marked idempotent: the Responses offer, an export job, a panelist's page. A retry replays
/// the first answer byte for byte and creates nothing more; a panelist key is a scope of its own.
/// </summary>
public sealed class IdempotentCreateTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_retried_response_offer_replays_and_offers_one_response()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(apiKey, ResponsesApi.CsatSurvey());
        var body = new JsonObject { ["survey_response"] = new JsonObject { ["survey_id"] = survey.Id(), ["responder_id"] = 77 } }.ToJsonString();
        var key = NewKey();
        var first = await host.Http.PostAsync(ResponsesApi.Root, body, key, ResponsesApi.Basic(apiKey));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var storage = host.Get<SurveyStorage>();
        var before = await StorageSnapshot.TakeAsync(storage);
        AssertSameAnswer(first, await host.Http.PostAsync(ResponsesApi.Root, body, key, ResponsesApi.Basic(apiKey)));
        StorageSnapshot.AssertUnchanged(before, await StorageSnapshot.TakeAsync(storage), "a replayed response offer");
        Assert.Single((await host.Http.ListResponsesAsync(apiKey)).Json["survey_responses"]!.AsArray());
    }

    [Fact]
    public async Task A_retried_export_job_create_replays_its_202_and_Location_and_starts_one_job()
    {
        var (tenantId, apiKey, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateStartedSurveyAsync(apiKey, SurveyApi.SmallSurvey())).Uuid();
        var key = NewKey();
        var first = await host.Http.PostAsync($"/api/surveys/{uuid}/exports", """{"format":"csv"}""", key, ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.StartsWith("/api/exports/exp_", first.Header("Location"), StringComparison.Ordinal);
        AssertSameAnswer(first, await host.Http.PostAsync($"/api/surveys/{uuid}/exports", """{"format":"csv"}""", key, ApiKey(apiKey)));

        var exports = host.Get<SurveyStorage>().TableService.GetTableClient(StorageNames.ExportsTable);
        var jobs = new List<string>();
        await foreach (var row in exports.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId + "|s|" + uuid}")))
            jobs.Add(row.RowKey);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), Assert.Single(jobs));
        // The job runs on in the background: done here, it cannot rewrite its row during another test's storage snapshot.
        await host.Http.WaitForExportAsync(first.Json["id"]!.GetValue<string>(), apiKey);
    }

    [Fact]
    public async Task A_panelists_retried_page_replays_and_another_panelist_with_the_same_key_runs_its_own()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateStartedSurveyAsync(apiKey, SurveyApi.SmallSurvey())).Uuid();
        var key = NewKey();
        async Task<(Answer First, Answer Retry)> SubmitTwiceAsync(string panelist)
        {
            var publicKey = await host.Http.PublicKeyAsync(apiKey, uuid, panelist);
            var page = await host.Http.OpenAsync(publicKey);
            var body = new JsonObject
            {
                ["sessionToken"] = page.SessionToken(),
                ["answers"] = TakeApi.Answers(
                    (page.QuestionId("Do you use our product?"), new[] { page.OptionId("Do you use our product?", "Yes") }),
                    (page.QuestionId("How satisfied are you with our service?"), 5)),
            }.ToJsonString();
            Action<HttpRequestMessage> withKey = r => r.Headers.Add("X-Panelist-Key", publicKey);
            return (await host.Http.PostAsync("/app/panelist/api/submit-page", body, key, withKey),
                await host.Http.PostAsync("/app/panelist/api/submit-page", body, key, withKey));
        }

        var (first, retry) = await SubmitTwiceAsync("panelist-1");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        AssertSameAnswer(first, retry);
        var (other, otherRetry) = await SubmitTwiceAsync("panelist-2");
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.False(other.Replayed, "another panelist's key is another scope");
        AssertSameAnswer(other, otherRetry);
        var results = await host.Http.WaitForSurveyAggregationAsync(uuid, apiKey);
        Assert.Equal(2, results["completed_sessions"]!.GetValue<long>());
    }
}
