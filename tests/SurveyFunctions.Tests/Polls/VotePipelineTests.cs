using System.Net;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Polls;

/// <summary>
/// The vote pipeline under concurrency, with the aggregator driven by hand: exact dedup, a hard cap, and exactly-once
/// counting when messages are processed twice or by two aggregators at once.
/// </summary>
public sealed class VotePipelineTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task Two_hundred_concurrent_voters_with_duplicates_are_counted_exactly_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);

        // 200 requests from 160 distinct voters: every 5th voter sends its vote twice at the same time.
        var requests = Enumerable.Range(0, 160).SelectMany(i => i % 4 == 0 ? [i, i] : new[] { i }).Take(200).ToArray();
        var replies = await Task.WhenAll(requests.Select(i => host.Http.VoteAsync(id, token, $"voter-{i}", $"opt_{i % 3 + 1}")));
        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status)); // a retried identical vote is the same success
        var distinct = requests.Distinct().ToArray();

        await DrainAsync();
        var (total, counts, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal(0, pending);
        Assert.Equal(distinct.Length, total);
        for (var option = 1; option <= 3; option++)
            Assert.Equal(distinct.Count(i => i % 3 + 1 == option), counts[$"opt_{option}"]);
    }

    [Fact]
    public async Task Every_voter_retrying_at_once_after_their_votes_were_stored_is_answered_success()
    {
        // What a client does after a host died with answers in flight: resend every vote at once. A capped poll keeps all
        // of them in one partition, so a single commit carries many votes that are already stored, each a repeat.
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { max_responses = 10_000, show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);
        var voters = Enumerable.Range(0, 200).ToArray();
        foreach (var chunk in voters.Chunk(20))
            Assert.All(await Task.WhenAll(chunk.Select(i => host.Http.VoteAsync(id, token, $"retrier-{i}", $"opt_{i % 3 + 1}"))),
                r => Assert.Equal(HttpStatusCode.OK, r.Status));

        var retries = await Task.WhenAll(voters.Select(i => host.Http.VoteAsync(id, token, $"retrier-{i}", $"opt_{i % 3 + 1}")));
        Assert.All(retries, r => Assert.True(r.Status == HttpStatusCode.OK, $"{(int)r.Status} {r.Body?.ToJsonString()}"));
        await DrainAsync();
        Assert.Equal(voters.Length, (await host.Http.OwnerResultsAsync(id, key)).Total);
    }

    [Fact]
    public async Task Concurrent_different_votes_by_one_voter_admit_exactly_one()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);
        var replies = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => host.Http.VoteAsync(id, token, "same-person", $"opt_{i % 3 + 1}")));

        var winners = replies.Where(r => r.Status == HttpStatusCode.OK).ToArray();
        Assert.NotEmpty(winners);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal("already_voted", r.ErrorCode));
        await DrainAsync();
        Assert.Equal(1, (await host.Http.OwnerResultsAsync(id, key)).Total);
    }

    [Fact]
    public async Task A_cap_of_200_under_500_concurrent_voters_accepts_exactly_200_and_closes()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { max_responses = 200, show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);

        var replies = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => host.Http.VoteAsync(id, token, $"capped-{i}", "opt_1")));
        Assert.Equal(200, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal("poll_closed", r.ErrorCode));

        await DrainAsync();
        Assert.Equal(200, (await host.Http.OwnerResultsAsync(id, key)).Total);
        var poll = await host.Http.GetReplyAsync($"/api/polls/{id}", key);
        Assert.Equal("max_responses", poll.Json["close_reason"]!.GetValue<string>());
        Assert.NotNull(poll.Json["closed_at"]);
        Assert.Equal("poll_closed", (await host.Http.VoteAsync(id, token, "late", "opt_1")).ErrorCode);
    }

    [Fact]
    public async Task Processing_every_message_twice_and_three_aggregators_at_once_stay_exact()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);
        var storage = host.Get<SurveyStorage>();
        var first = host.Get<VoteAggregator>();
        // Separate instances, as on separate Functions workers: each with its own counter cache.
        var second = new VoteAggregator(storage, host.Get<CounterTargets>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<VoteAggregator>.Instance);
        var third = new VoteAggregator(storage, host.Get<CounterTargets>(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<VoteAggregator>.Instance);

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => host.Http.VoteAsync(id, token, $"r{round}-v{i}", $"opt_{i % 3 + 1}")));
            await Task.Delay(1500); // let the delayed aggregation messages become visible
            var messages = (await storage.VoteQueue.PeekMessagesAsync(32)).Value;
            Assert.NotEmpty(messages);
            // Every message handled three times, by three aggregators racing each other.
            await Task.WhenAll(messages.SelectMany(m => new[]
            {
                first.ProcessMessageAsync(m.Body.ToString(), CancellationToken.None),
                second.ProcessMessageAsync(m.Body.ToString(), CancellationToken.None),
                third.ProcessMessageAsync(m.Body.ToString(), CancellationToken.None),
            }));
            await Task.WhenAll(messages.Select(m => second.ProcessMessageAsync(m.Body.ToString(), CancellationToken.None)));
        }

        await DrainAsync();
        var (total, counts, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal(0, pending);
        Assert.Equal(120, total);
        Assert.Equal(120, counts.Values.Sum());
    }

    [Fact]
    public async Task A_batch_whose_aggregation_message_was_lost_is_recovered_by_the_recovery_job()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);
        await DrainAsync(); // earlier tests' batches out of the way
        var storage = host.Get<SurveyStorage>();
        var recovery = host.Get<StrandedBatchRecovery>();

        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => host.Http.VoteAsync(id, token, $"stranded-{i}", $"opt_{i % 3 + 1}")));
        // The process "died" after committing and before its messages were delivered: they are gone.
        await storage.VoteQueue.ClearMessagesAsync();
        Assert.Equal(12, (await host.Http.OwnerResultsAsync(id, key)).Pending);

        // Young batches are left to their own messages; only batches older than the interval are re-announced.
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var announced = await recovery.RunAsync(CancellationToken.None);
        Assert.InRange(announced, 1, 4);

        var messages = (await storage.VoteQueue.PeekMessagesAsync(32)).Value;
        Assert.Equal(announced, messages.Length);
        var aggregator = host.Get<VoteAggregator>();
        foreach (var message in messages)
            await aggregator.ProcessMessageAsync(message.Body.ToString(), CancellationToken.None);
        var (total, _, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal((12, 0), (total, pending));
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_message_that_is_not_ours_is_refused_so_it_ends_in_poison()
    {
        var aggregator = host.Get<VoteAggregator>();
        await Assert.ThrowsAsync<FormatException>(() => aggregator.ProcessMessageAsync("{\"hello\":1}", CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => aggregator.ProcessMessageAsync("not json", CancellationToken.None));
    }

    /// <summary>
    /// Runs the aggregator over every partition until nothing is pending. Queued messages stay: the committers count on
    /// messages they sent still being there (clearing the queue by hand would be an operator losing work).
    /// </summary>
    private async Task DrainAsync()
    {
        var aggregator = host.Get<VoteAggregator>();
        for (var partition = 0; partition < 4; partition++)
            await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
    }
}
