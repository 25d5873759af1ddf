using SurveyFunctions.Core.Platform;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests;

/// <summary>The standalone aggregator moves a message it cannot process to votes-poison, as the Functions runtime does.</summary>
public sealed class PoisonQueueTests(PoisonOnFirstFailureSurveyHost host) : IClassFixture<PoisonOnFirstFailureSurveyHost>
{
    [Fact]
    public async Task A_message_that_keeps_failing_lands_in_the_poison_queue_and_leaves_the_vote_queue()
    {
        var storage = host.Get<SurveyStorage>();
        await storage.VoteQueue.SendMessageAsync("{\"not\":\"an aggregation message\"}");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        Azure.Storage.Queues.Models.PeekedMessage[] poisoned = [];
        while (DateTime.UtcNow < deadline && poisoned.Length == 0)
        {
            await Task.Delay(200);
            poisoned = (await storage.VotePoisonQueue.PeekMessagesAsync(32)).Value;
        }
        Assert.Single(poisoned);
        Assert.Equal("{\"not\":\"an aggregation message\"}", poisoned[0].Body.ToString());
        Assert.Equal(0, (await storage.VoteQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
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
