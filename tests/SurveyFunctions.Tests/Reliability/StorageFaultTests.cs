using System.Net;
using SurveyFunctions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Storage faults injected under the whole pipeline (vote commits, queue sends, the aggregator's reads and
/// transactions): busy answers, responses lost after storage applied the write, and timeouts. The storage client
/// retries; callers see a clear 503 only when retries run out; no accepted vote is lost or counted twice.
/// </summary>
public sealed class StorageFaultTests(FaultInjectingSurveyHost host, ITestOutputHelper output) : IClassFixture<FaultInjectingSurveyHost>
{
    [Fact]
    public async Task Votes_through_a_storm_of_storage_faults_are_neither_lost_nor_counted_twice()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false, anonymous = false });
        var ledger = new VoteLedger(id, await host.Http.EmbedTokenAsync(id), options: 3);

        (host.Faults.BusyRate, host.Faults.LostResponseRate, host.Faults.TimeoutRate) = (0.15, 0.10, 0.10);
        try
        {
            // 600 voters (long run: 10,000), 20 at a time, so commits batch and retries interleave with fresh work.
            var voters = ReliabilityScale.Pick(600, 10_000);
            await Parallel.ForEachAsync(Enumerable.Range(0, voters), new ParallelOptions { MaxDegreeOfParallelism = 20 },
                async (_, _) => await ledger.VoteAsync(host.Http));

            output.WriteLine($"{ledger.Summary}; storage requests: busy {host.Faults.Busy}, lost {host.Faults.LostResponses}, timeouts {host.Faults.Timeouts}, passed {host.Faults.Passed}");
            // Every fault kind really happened, on a real share of requests.
            Assert.True(host.Faults.Busy >= 20 && host.Faults.LostResponses >= 10 && host.Faults.Timeouts >= 10,
                $"faults injected: busy {host.Faults.Busy}, lost {host.Faults.LostResponses}, timeouts {host.Faults.Timeouts}, passed {host.Faults.Passed}");
            Assert.Equal(0, ledger.Count(VoteLedger.Outcome.NoAnswer));
            Assert.Equal(0, ledger.Count(VoteLedger.Outcome.Refused));
            Assert.True(ledger.Count(VoteLedger.Outcome.Accepted) >= voters * 0.97,
                $"only {ledger.Count(VoteLedger.Outcome.Accepted)} of {voters} accepted");

            // The aggregator and the recovery job work through the same faults.
            await ledger.AssertConsistentAsync(host.Http, key, TimeSpan.FromSeconds(90));
        }
        finally
        {
            host.Faults.Off();
        }
        await ledger.RetryUncertainAsync(host.Http);
        await ledger.AssertConsistentAsync(host.Http, key, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task When_storage_stays_down_a_vote_gets_a_clear_503_and_leaves_nothing_behind()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { anonymous = false });
        var token = await host.Http.EmbedTokenAsync(id);
        await host.Http.GetReplyAsync($"/api/polls/{id}/results", key); // poll now cached: the vote's first storage call is its commit

        host.Faults.BusyRate = 1;
        Api.Reply down;
        try
        {
            down = await host.Http.VoteAsync(id, token, "while-down", "opt_1");
        }
        finally
        {
            host.Faults.Off();
        }
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
        Assert.Equal("storage_unavailable", down.ErrorCode);
        Assert.Contains("retry", down.Json["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);

        Assert.Empty(await host.Http.ListVotesAsync(id, key));
        Assert.Equal(0, (await host.Http.OwnerResultsAsync(id, key)).Total);
        // Storage back: the same vote goes through.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "while-down", "opt_1")).Status);
        Assert.Equal(1, (await host.Http.OwnerResultsAsync(id, key)).Total);
    }
}
