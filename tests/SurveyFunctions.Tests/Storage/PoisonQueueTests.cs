using Azure.Storage.Queues;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Storage;

/// <summary>
/// The standalone host's queue jobs (vote aggregation, survey purge) run in the background and move a message they cannot
/// process to their poison queue, as the Functions runtime does.
/// </summary>
public sealed class PoisonQueueTests(PoisonOnFirstFailureSurveyHost host) : IClassFixture<PoisonOnFirstFailureSurveyHost>
{
    [Fact]
    public Task A_message_that_keeps_failing_lands_in_the_poison_queue_and_leaves_the_vote_queue() =>
        AssertPoisonedAsync(host.Get<SurveyStorage>().VoteQueue, host.Get<SurveyStorage>().VotePoisonQueue, "{\"not\":\"an aggregation message\"}");

    [Fact]
    public Task A_purge_message_that_is_not_one_lands_in_the_purge_poison_queue() =>
        AssertPoisonedAsync(host.Get<SurveyStorage>().SurveyPurgeQueue, host.Get<SurveyStorage>().SurveyPurgePoisonQueue, "not|a|purge message");

    private static async Task AssertPoisonedAsync(QueueClient queue, QueueClient poison, string text)
    {
        await queue.SendMessageAsync(text);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        Azure.Storage.Queues.Models.PeekedMessage[] poisoned = [];
        while (DateTime.UtcNow < deadline && poisoned.Length == 0)
        {
            await Task.Delay(200);
            poisoned = (await poison.PeekMessagesAsync(32)).Value;
        }
        Assert.Single(poisoned);
        Assert.Equal(text, poisoned[0].Body.ToString());
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_deleted_surveys_purge_is_run_by_the_background_service()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        Assert.Equal("success", (await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=bg-purge")).ResponseStatus);
        var sessions = host.Get<SurveyFunctions.Core.Sessions.SessionStore>();
        Assert.NotEmpty(await sessions.ListRespondentSessionsAsync(tenant, "bg-purge", survey.Uuid(), CancellationToken.None));

        await host.Http.SendAsync(HttpMethod.Delete, $"/api/surveys/{survey.Uuid()}", configure: r => r.Headers.Add("X-API-Key", key));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline && (await sessions.ListRespondentSessionsAsync(tenant, "bg-purge", survey.Uuid(),
            CancellationToken.None)).Count > 0)
            await Task.Delay(200);
        Assert.Empty(await sessions.ListRespondentSessionsAsync(tenant, "bg-purge", survey.Uuid(), CancellationToken.None));
    }

    [Fact]
    public async Task Good_messages_are_aggregated_by_the_background_service()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => host.Http.VoteAsync(id, token, $"bg-{i}", "opt_3")));
        var (total, counts) = await host.Http.WaitForAggregationAsync(id, key);
        Assert.Equal(30, total);
        Assert.Equal(30, counts["opt_3"]);
    }
}
