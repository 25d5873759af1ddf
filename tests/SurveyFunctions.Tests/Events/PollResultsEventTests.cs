using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Events;

/// <summary>Jobs on, and <c>poll.results</c> coalesced over 2-second intervals (of the test clock), so a test waits seconds.</summary>
public sealed class PollResultsHost : SurveyHost
{
    public const int IntervalSeconds = 2;

    protected override IEnumerable<string> ExtraArgs => [$"--SurveyFunctions:PollResultsEventSeconds={IntervalSeconds}"];
}

/// <summary>
/// <c>poll.results</c> over real HTTP and the real queue: one event per poll per interval in which its votes changed, with
/// the totals the owner's results show, never one per vote, and recorded once however often its message is handled.
/// </summary>
public sealed class PollResultsEventTests(PollResultsHost host) : IClassFixture<PollResultsHost>
{
    [Fact]
    public async Task Votes_are_reported_as_coalesced_totals_once_per_poll_per_interval()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var busy = await host.Http.CreatePublishedPollAsync(key);
        var quiet = await host.Http.CreatePublishedPollAsync(key);
        await VoteAsync(busy, 12, "a");
        await VoteAsync(quiet, 3, "b");

        // Each interval's event carries every vote accepted by its end (pending ones included), whenever they are aggregated.
        var first = await ResultsEventsAsync(key, e => e.Any(x => Poll(x) == busy) && e.Any(x => Poll(x) == quiet));
        Assert.Equal(12, Total(first.First(e => Poll(e) == busy)));
        Assert.Equal(3, Total(first.First(e => Poll(e) == quiet)));
        var owner = await host.Http.OwnerResultsAsync(busy, key);
        Assert.Equal(owner.Counts, first.First(e => Poll(e) == busy)["data"]!["results"]!.AsArray()
            .ToDictionary(r => r!["option_id"]!.GetValue<string>(), r => r!["count"]!.GetValue<long>()));

        // The next interval: the busy poll reports its new totals.
        host.Clock.Advance(TimeSpan.FromSeconds(PollResultsHost.IntervalSeconds));
        await VoteAsync(busy, 4, "c");
        var second = await ResultsEventsAsync(key, e => e.Any(x => Poll(x) == busy && Total(x) == 16));

        // Never one per vote: at most one event per poll and interval (a batch aggregated in a later interval may repeat
        // the totals there), each with the totals accepted by its interval's end.
        AtMostOnePerInterval(second);
        Assert.InRange(second.Count(e => Poll(e) == busy), 2, 3);
        Assert.All(second.Where(e => Poll(e) == busy), e => Assert.Contains(Total(e), new long[] { 12, 16 }));
        Assert.All(second.Where(e => Poll(e) == quiet), e => Assert.Equal(3, Total(e)));

        // Its message handled again (a redelivery, a second instance's message): the interval's event is not recorded twice.
        var last = second.Last(e => Poll(e) == busy);
        var interval = DateTimeOffset.Parse(last["occurred_at"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            .ToUnixTimeSeconds() / PollResultsHost.IntervalSeconds - 1;
        await host.Get<PollResultsEvents>().ProcessMessageAsync($"{busy}|{interval}", CancellationToken.None);
        var (all, _) = await host.Http.AllEventsAsync(key, types: EventTypes.PollResults);
        Assert.Equal(all.Count, all.Select(e => e.EventId()).Distinct().Count());
        Assert.Single(all, e => e.EventId() == last.EventId());
        AtMostOnePerInterval(all);
    }

    [Fact]
    public async Task A_message_that_is_not_a_poll_results_message_fails_so_it_ends_in_the_poison_queue()
    {
        var events = host.Get<PollResultsEvents>();
        await Assert.ThrowsAsync<FormatException>(() => events.ProcessMessageAsync("not a message", CancellationToken.None));
        await Assert.ThrowsAsync<FormatException>(() => events.ProcessMessageAsync("poll_x|-1", CancellationToken.None));
        // A poll deleted before its interval ended reports nothing (and the message is done).
        await events.ProcessMessageAsync("poll_gone|1", CancellationToken.None);
    }

    private async Task VoteAsync(string pollId, int voters, string prefix)
    {
        var token = await host.Http.EmbedTokenAsync(pollId);
        for (var i = 0; i < voters; i++)
        {
            var reply = await host.Http.VoteAsync(pollId, token, $"{prefix}-{pollId}-{i}", $"opt_{i % 3 + 1}");
            Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created, $"vote: {(int)reply.Status}");
        }
    }

    /// <summary>The tenant's poll.results events once <paramref name="done"/> holds (within 30 s of real time).</summary>
    private async Task<List<JsonNode>> ResultsEventsAsync(string key, Func<List<JsonNode>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (events, _) = await host.Http.AllEventsAsync(key, types: EventTypes.PollResults);
            if (done(events))
                return events;
            if (DateTime.UtcNow > deadline)
            {
                var storage = host.Get<SurveyStorage>();
                var waiting = (await storage.PollResultsQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                var poisoned = (await storage.PollResultsPoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                var votes = (await storage.VoteQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
                Assert.Fail($"poll.results events seen: {events.Count}; results messages waiting {waiting}, poisoned {poisoned}; "
                    + $"vote messages {votes}");
            }
            await Task.Delay(250);
        }
    }

    private static void AtMostOnePerInterval(List<JsonNode> events) =>
        Assert.All(events.GroupBy(Poll), ofPoll =>
            Assert.Equal(ofPoll.Count(), ofPoll.Select(e => e["occurred_at"]!.ToJsonString()).Distinct().Count()));

    private static string Poll(JsonNode e) => e["resource"]!["poll_id"]!.GetValue<string>();

    private static long Total(JsonNode e) => e["data"]!["total_votes"]!.GetValue<long>();
}
