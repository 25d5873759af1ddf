using System.Diagnostics;

namespace SurveyFunctions.Bench.Scenarios;

/// <summary><c>spread</c>: many polls, each vote on a random one, closed loop; the polls' setup time is reported apart.</summary>
internal static class SpreadScenario
{
    public static async Task RunAsync(BenchRun run)
    {
        var options = run.Options;
        BenchLog.Write($"spread: creating {options.SpreadPolls} polls (8 in parallel) and one token per poll");
        var sw = Stopwatch.StartNew();
        await run.Target.StartFromEmptyVotesTableAsync("spread").ConfigureAwait(false);
        var targets = await run.CreatePollsAsync(options.SpreadPolls, "spread", null).ConfigureAwait(false);
        var setup = sw.Elapsed.TotalSeconds;
        run.Report.Spread = await TimedLoad.MeasureAsync(run, "spread", targets, options.DurationSeconds, "spread" + run.RunTag, 1000).ConfigureAwait(false);
        run.Report.Spread.SetupSeconds = Math.Round(setup, 1);
    }
}
