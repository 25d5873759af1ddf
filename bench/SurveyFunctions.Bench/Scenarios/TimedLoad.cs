namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// A timed run of votes on some polls, closed loop (each voter votes again as soon as answered) or open loop (votes on a
/// fixed schedule at <c>votesPerSecond</c>), then the wait until every accepted vote is counted, measured as one
/// <see cref="ScenarioReport"/>.
/// </summary>
internal static class TimedLoad
{
    public static async Task<ScenarioReport> MeasureAsync(BenchRun run, string name, VoteTarget[] targets, int seconds, string prefix, int seed, double? votesPerSecond = null)
    {
        var voters = run.Options.Voters;
        BenchLog.Write($"{name}: {voters} voters x {seconds} s on {targets.Length} poll(s)" + (votesPerSecond is { } r ? $", offered {r} votes/s" : ", closed loop"));
        var before = CpuMeter.Take();
        using var cost = StorageCost.Start(run.Target.StorageRequests);
        var load = await VoteLoad.RunAsync(run.Http, targets, voters, seconds, prefix, seed, votesPerSecond).ConfigureAwait(false);
        cost?.LoadEnded();
        var cpu = CpuMeter.Between(before, CpuMeter.Take());
        BenchLog.Write($"{name}: {load.Accepted} accepted in {load.ElapsedSeconds:F1} s; waiting for aggregation");
        var beforeDrain = CpuMeter.Take();
        var drain = await Drain.WaitAsync(run.Api, targets, load, TimeSpan.FromSeconds(60), run.PendingBatches,
            cost is null ? null : cost.Drained).ConfigureAwait(false);
        return new ScenarioReport
        {
            Name = name,
            OfferedPerSecond = votesPerSecond,
            Voters = voters,
            DurationSeconds = seconds,
            Polls = targets.Length,
            ElapsedSeconds = Math.Round(load.ElapsedSeconds, 2),
            Attempts = load.Attempts,
            Accepted = load.Accepted,
            AcceptedPerSecond = Math.Round(load.Accepted / load.ElapsedSeconds, 1),
            HeadAcceptedPerSecond = Math.Round(load.AcceptedPerSecond.Take(10).DefaultIfEmpty().Average(), 1),
            TailAcceptedPerSecond = Math.Round(load.TailRate(10), 1),
            AttemptsPerSecond = Math.Round(load.Attempts / load.ElapsedSeconds, 1),
            Latency = load.Latency,
            Errors = load.Errors,
            TransportErrors = load.Ambiguous,
            Drain = drain,
            LoadCpu = cpu,
            DrainCpu = CpuMeter.Between(beforeDrain, CpuMeter.Take()),
            Requests = cost?.Finish("accepted vote", load.Accepted),
        };
    }
}
