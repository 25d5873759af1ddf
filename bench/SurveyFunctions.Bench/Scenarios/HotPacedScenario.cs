namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>hot-80</c>: the latency target is stated at 80% of peak, so a fresh poll, on an empty votes table like the hot run
/// had, is offered 0.8 × the hot run's accepted/s on a schedule (open loop: latency counts from each vote's scheduled
/// time, so falling behind shows in the percentiles). Needs the hot run's result.
/// </summary>
internal static class HotPacedScenario
{
    public const double ShareOfPeak = 0.8;
    public const int MaxSeconds = 30;

    public static async Task RunAsync(BenchRun run, ScenarioReport hot)
    {
        await run.Target.StartFromEmptyVotesTableAsync("hot-80").ConfigureAwait(false);
        var targets = await run.CreatePollsAsync(1, "paced", null).ConfigureAwait(false);
        var paced = Math.Round(hot.AcceptedPerSecond * ShareOfPeak);
        run.Report.HotPaced = await TimedLoad.MeasureAsync(run, "hot-80", targets, Math.Min(run.Options.DurationSeconds, MaxSeconds), "paced" + run.RunTag, 3, paced).ConfigureAwait(false);
    }
}
