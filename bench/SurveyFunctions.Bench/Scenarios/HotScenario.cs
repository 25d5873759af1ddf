namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>hot</c>: every voter on one poll, closed loop, after a warm-up on a separate poll (the runtime's tiered JIT keeps
/// re-compiling the hot path for 10+ s; a cold process would measure that instead of the service).
/// </summary>
internal static class HotScenario
{
    public static async Task<ScenarioReport> RunAsync(BenchRun run)
    {
        var options = run.Options;
        var warm = await run.CreatePollsAsync(1, "warmup", null).ConfigureAwait(false);
        BenchLog.Write($"warm-up {options.WarmupSeconds} s (separate poll, not reported)");
        if (options.WarmupSeconds > 0)
            await VoteLoad.RunAsync(run.Http, warm, options.Voters, options.WarmupSeconds, "warm" + run.RunTag, 7).ConfigureAwait(false);

        var targets = await run.CreatePollsAsync(1, "hot", null).ConfigureAwait(false);
        // Each voter fetches its own embed token once (a real GET per voter); the token is per poll, so they are equivalent.
        await Parallel.ForAsync(0, options.Voters, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => await run.Api.GetTokenAsync(targets[0].PollId, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var hot = await TimedLoad.MeasureAsync(run, "hot", targets, options.DurationSeconds, "hot" + run.RunTag, 0).ConfigureAwait(false);
        run.Report.Hot = hot;
        return hot;
    }
}
