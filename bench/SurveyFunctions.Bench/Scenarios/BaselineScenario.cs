namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>baseline</c>: one counter entity updated per vote with optimistic concurrency (read, If-Match replace, retry on 412),
/// same machine, same storage, and how many times the hot run's throughput ours is. Needs storage access and the hot run.
/// </summary>
internal static class BaselineScenario
{
    public static async Task RunAsync(BenchRun run, ScenarioReport hot)
    {
        var options = run.Options;
        if (options.SkipBaseline || run.Target.Storage is not { } storage)
        {
            run.Report.Notes.Add("Baseline skipped (--no-baseline, or --url without --storage).");
            return;
        }
        BenchLog.Write($"baseline: read-modify-write of one entity, {options.Voters} concurrent, {options.BaselineSeconds} s");
        var before = CpuMeter.Take();
        run.Report.Baseline = await Baseline.RunAsync(storage, options.Voters, options.BaselineSeconds).ConfigureAwait(false);
        run.Report.BaselineCpu = CpuMeter.Between(before, CpuMeter.Take());
        run.Report.RatioOursOverBaseline = run.Report.Baseline.VotesPerSecond > 0
            ? Math.Round(hot.AcceptedPerSecond / run.Report.Baseline.VotesPerSecond, 2)
            : null;
    }
}
