using SurveyFunctions.TestSupport;
using Xunit.Abstractions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The standalone host as a real process, killed (SIGKILL) again and again while voters vote and the aggregator works,
/// then restarted on the same storage. Kills land mid-commit, between a commit and its queue message, and mid-aggregation.
/// Every vote that got a 2xx is counted exactly once, nothing refused is stored, and cut-off votes are all-or-nothing.
/// </summary>
public sealed class HostCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly int Rounds = ReliabilityScale.Pick(5, 40);
    private const int ConcurrentVoters = 24;

    // Recovery every 2 s so batches stranded by a kill are re-announced quickly; no test clock in a child process.
    private static readonly string[] HostArgs = ["--SurveyFunctions:RecoveryIntervalSeconds=2"];

    private AzuriteInstance _emulator = null!;

    public async Task InitializeAsync() => _emulator = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Killing_the_host_mid_run_loses_no_accepted_vote_and_counts_none_twice()
    {
        var host = await HostProcess.StartAsync(_emulator.ConnectionString, HostArgs);
        try
        {
            var http = Client(host);
            var (_, key, _) = await http.CreateTenantAsync();
            var id = await http.CreatePublishedPollAsync(key, new { show_results_after_vote = false, anonymous = false });
            var ledger = new VoteLedger(id, await http.EmbedTokenAsync(id), options: 3);

            for (var round = 0; round < Rounds; round++)
            {
                using var stop = new CancellationTokenSource();
                var voters = Enumerable.Range(0, ConcurrentVoters).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                        await ledger.VoteAsync(http);
                })).ToArray();

                // Long enough for commits, queued messages and aggregation to be under way; varied so kills land anywhere.
                await Task.Delay(700 + round % 5 * 350);
                host.Kill();     // the votes in flight are cut off wherever they are...
                stop.Cancel();   // ...and the voters stop (a vote sent in between is refused a connection: never reached us)
                await Task.WhenAll(voters);

                host = await HostProcess.StartAsync(_emulator.ConnectionString, HostArgs);
                http.Dispose();
                http = Client(host);
            }

            output.WriteLine($"after {Rounds} kills: {ledger.Summary}");
            Assert.True(ledger.Count(VoteLedger.Outcome.Accepted) >= 200, $"only {ledger.Count(VoteLedger.Outcome.Accepted)} votes accepted: the run proves little");
            Assert.True(ledger.Count(VoteLedger.Outcome.NoAnswer) > 0, "no vote was cut off by a kill: the kills landed outside the work");
            Assert.Equal(0, ledger.Count(VoteLedger.Outcome.Refused));

            await ledger.AssertConsistentAsync(http, key, TimeSpan.FromSeconds(60));
            await ledger.RetryUncertainAsync(http);
            await ledger.AssertConsistentAsync(http, key, TimeSpan.FromSeconds(60));
            http.Dispose();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"Host output:\n{host.Output}", ex);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static HttpClient Client(HostProcess host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
