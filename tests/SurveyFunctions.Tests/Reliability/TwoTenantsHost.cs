using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// One tenant's resources in every state a request can find them in: a draft, a published poll whose results are hidden
/// from the public and a second published poll with public results, each published poll with one aggregated vote; a draft
/// survey and an active one, which one respondent has completed (so its results have counts), another has begun taking
/// (<see cref="TakeToken"/> is their session token) and a panelist has opened (<see cref="PanelistKey"/>, and
/// <see cref="PanelistToken"/> for the page they were shown).
/// <see cref="Secrets"/> are strings only the owner may ever see (ids, the draft's title, the
/// voter's fingerprint, the surveys' uuids and name, the respondent's customer id, the survey response's id). A survey
/// response offered on the active survey (<see cref="Response"/>, with its <see cref="ResponseToken"/>) is unanswered.
/// <see cref="EventsCursor"/> is a cursor of the tenant's event feed, after the events all that caused.
/// </summary>
public sealed record TenantWorld(
    string TenantId, string ApiKey, string KeyId, string Draft, string Published, string Second, string DraftTitle, string Voter,
    string PublishedToken, string SecondToken, string Survey, string ActiveSurvey, string SurveyName, string TakeToken, string Respondent,
    string PanelistId, string PanelistKey, string PanelistToken, string Response, string ResponseToken, string EventsCursor,
    string Webhook)
{
    public IReadOnlyList<string> Secrets => [TenantId, KeyId, DraftTitle, Voter, Survey, ActiveSurvey, SurveyName, Respondent, PanelistId,
        PanelistKey, Response];
}

/// <summary>The host plus tenants A and B, created once per test class on first use (class fixtures cannot set up data asynchronously otherwise).</summary>
public sealed class TwoTenantsHost : SurveyHost
{
    private readonly Lazy<Task<(TenantWorld A, TenantWorld B)>> _tenants;

    public TwoTenantsHost() => _tenants = new(async () =>
    {
        var worlds = await Task.WhenAll(CreateWorldAsync(), CreateWorldAsync());
        return (worlds[0], worlds[1]);
    });

    public Task<(TenantWorld A, TenantWorld B)> TenantsAsync() => _tenants.Value;

    private async Task<TenantWorld> CreateWorldAsync()
    {
        var (tenantId, key, keyId) = await Http.CreateTenantAsync();
        var marker = Guid.NewGuid().ToString("N")[..10];
        var draftTitle = $"draft-{marker}";
        var voter = $"voter-{marker}";
        var draft = await Http.CreateDraftPollAsync(key, new { title = draftTitle });
        var published = await Http.CreatePublishedPollAsync(key, new { title = "Hidden results", show_results_before_vote = false });
        var second = await Http.CreatePublishedPollAsync(key, new { title = "Public results", show_results_before_vote = true });
        var tokens = new[] { await Http.EmbedTokenAsync(published), await Http.EmbedTokenAsync(second) };
        foreach (var (poll, token) in new[] { published, second }.Zip(tokens))
        {
            var vote = await Http.VoteAsync(poll, token, voter, "opt_1");
            Assert.Equal(System.Net.HttpStatusCode.OK, vote.Status);
            await Http.WaitForAggregationAsync(poll, key);
        }
        var surveyName = $"survey-{marker}";
        var survey = (await Http.CreateSurveyAsync(key, SurveyApi.SmallSurvey(surveyName))).Uuid();
        var active = (await Http.CreateSurveyAsync(key, SurveyApi.SmallSurvey(surveyName + "-active"))).Uuid();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Http.PostReplyAsync($"/api/surveys/{active}/start", null, key)).Status);
        // One completed session, so the active survey's results have counts to keep to themselves.
        var take = await Http.TakeAsync(key, active);
        var done = await Http.SubmitAnswersAsync(key, active, take.Token,
            (take.QuestionId("Do you use our product?"), new[] { take.OptionId("Do you use our product?", "Yes") }),
                (take.QuestionId("How satisfied are you with our service?"), 4));
        Assert.Equal("survey_complete", done.ResponseStatus);
        Assert.Equal(1, (await Http.WaitForSurveyAggregationAsync(active, key))["completed_sessions"]!.GetValue<long>());
        var respondent = $"respondent-{marker}";
        var taking = await Http.TakeAsync(key, active, query: $"?customer_id={respondent}");
        Assert.Equal("success", taking.ResponseStatus);
        var panelistId = $"panelist-{marker}";
        var panelistKey = await Http.PublicKeyAsync(key, active, panelistId);
        var panelistPage = await Http.OpenAsync(panelistKey);
        Assert.Equal("success", panelistPage.Status());
        var (response, responseToken, _) = await Http.CreateResponseAsync(key, active, 4398080151295, ["zen:ticket:99"], "en-us");
        // Last, and disabled: no event of the world's making is delivered, so no background attempt writes to storage while a
        // test compares snapshots of it.
        var webhook = await Http.PostReplyAsync("/api/webhooks", new { url = $"https://hooks.example.com/{marker}", enabled = false }, key);
        Assert.Equal(System.Net.HttpStatusCode.Created, webhook.Status);
        return new TenantWorld(tenantId, key, keyId, draft, published, second, draftTitle, voter, tokens[0], tokens[1], survey, active, surveyName,
            taking.Token!, respondent,
            panelistId, panelistKey, panelistPage.SessionToken()!, response, responseToken, (await Http.EventPageAsync(key)).Cursor,
            webhook.Json["id"]!.GetValue<string>());
    }
}
