using SurveyFunctions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The standalone host as a real process, killed (SIGKILL) again and again while voters vote and the aggregator works,
/// then restarted on the same storage. Kills land mid-commit, between a commit and its queue message, and mid-aggregation.
/// Every vote that got a 2xx is counted exactly once, nothing refused is stored, and cut-off votes are all-or-nothing.
/// </summary>
public sealed class HostCrashTests(ITestOutputHelper output)
{
    private static readonly int Rounds = ReliabilityScale.Pick(5, 40);
    private const int ConcurrentVoters = 24;

    [Fact]
    public async Task Killing_the_host_mid_run_loses_no_accepted_vote_and_counts_none_twice()
    {
        await using var host = await RestartableHost.StartAsync();
        await host.RunAsync(async () =>
        {
            var (_, key, _) = await host.Http.CreateTenantAsync();
            var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false, anonymous = false });
            var ledger = new VoteLedger(id, await host.Http.EmbedTokenAsync(id), options: 3);

            for (var round = 0; round < Rounds; round++)
            {
                using var stop = new CancellationTokenSource();
                var http = host.Http;
                var voters = Enumerable.Range(0, ConcurrentVoters).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                        await ledger.VoteAsync(http);
                })).ToArray();

                // Long enough for commits, queued messages and aggregation to be under way; varied so kills land anywhere.
                await Task.Delay(700 + round % 5 * 350);
                // The votes in flight are cut off wherever they are, and the voters stop.
                await host.KillAndRestartAsync(async () =>
                {
                    stop.Cancel();
                    await Task.WhenAll(voters);
                });
            }

            output.WriteLine($"after {Rounds} kills: {ledger.Summary}");
            Assert.True(ledger.Count(VoteLedger.Outcome.Accepted) >= 200,
                $"only {ledger.Count(VoteLedger.Outcome.Accepted)} votes accepted: the run proves little");
            Assert.True(ledger.Count(VoteLedger.Outcome.NoAnswer) > 0, "no vote was cut off by a kill: the kills landed outside the work");
            Assert.Equal(0, ledger.Count(VoteLedger.Outcome.Refused));

            await ledger.AssertConsistentAsync(host.Http, key, TimeSpan.FromSeconds(60));
            await ledger.RetryUncertainAsync(host.Http);
            await ledger.AssertConsistentAsync(host.Http, key, TimeSpan.FromSeconds(60));
        });
    }
}
