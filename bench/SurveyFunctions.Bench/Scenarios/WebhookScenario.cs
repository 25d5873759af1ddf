using System.Diagnostics;

namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>webhooks</c>: the vote path without and then with a webhook endpoint subscribed (to <c>poll.results</c> and
/// <c>response.completed</c>), then survey sessions finished at load while the endpoint (a loopback receiver in the bench)
/// is told of each. Reports the time from each response's commit (its event's <c>occurred_at</c>) to its first delivery's
/// arrival, deliveries lost and duplicated, and the vote path's throughput and storage requests per vote on both sides.
/// </summary>
internal static class WebhookScenario
{
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(180);

    public static async Task RunAsync(BenchRun run)
    {
        var options = run.Options;
        await run.Target.StartFromEmptyVotesTableAsync("webhooks").ConfigureAwait(false);
        await using var receiver = await WebhookReceiver.StartAsync().ConfigureAwait(false);

        var warm = await run.CreatePollsAsync(1, "warmup", null).ConfigureAwait(false);
        if (options.WarmupSeconds > 0)
            await VoteLoad.RunAsync(run.Http, warm, options.Voters, options.WarmupSeconds, "warm" + run.RunTag, 7).ConfigureAwait(false);
        // Runs alternate, without and with an enabled endpoint, twice, so neither side always runs second; each starts from an
        // empty votes table (Azurite scans whole tables, so a later run would otherwise pay for an earlier one's votes).
        var hook = await run.Api.CreateWebhookAsync(receiver.Url, ["response.completed", "poll.results"], CancellationToken.None)
            .ConfigureAwait(false);
        var plain = new List<ScenarioReport>();
        var watched = new List<ScenarioReport>();
        for (var round = 0; round < 4; round++)
        {
            var enabled = round % 2 == 1;
            await run.Api.SetWebhookEnabledAsync(hook, enabled, CancellationToken.None).ConfigureAwait(false);
            var name = enabled ? "hot, one webhook endpoint" : "hot, no enabled endpoint";
            await run.Target.StartFromEmptyVotesTableAsync(name).ConfigureAwait(false);
            var polls = await run.CreatePollsAsync(1, name, null).ConfigureAwait(false);
            (enabled ? watched : plain).Add(await TimedLoad.MeasureAsync(run, name, polls, options.DurationSeconds, $"r{round}" + run.RunTag, 0)
                .ConfigureAwait(false));
        }

        var (surveyId, _) = await run.Api.CreateStartedSurveyAsync(TakeScenario.Survey, CancellationToken.None).ConfigureAwait(false);
        BenchLog.Write($"webhooks: {options.Voters} respondents x {options.DurationSeconds} s, three-page sessions, one endpoint");
        using var cost = StorageCost.Start(run.Target.StorageRequests);
        var load = await SessionLoad.RunAsync(run.Http, run.Api.BaseAddress, run.Api.ApiKey, surveyId, options.Voters, options.DurationSeconds,
            "hook" + run.RunTag).ConfigureAwait(false);
        cost?.LoadEnded();

        BenchLog.Write($"webhooks: {load.Finished} sessions finished; waiting for their deliveries");
        var waited = Stopwatch.StartNew();
        while (receiver.Count("response.completed") < load.Finished && waited.Elapsed < DeliveryWait)
            await Task.Delay(100).ConfigureAwait(false);
        cost?.Drained();
        var completed = receiver.FirstArrivals.Where(d => d.Type == "response.completed").ToList();
        var latency = completed.Select(d => (int)Math.Clamp((d.ArrivedAt - d.OccurredAt).TotalMicroseconds, 0, int.MaxValue)).Order().ToArray();
        run.Report.Webhooks = new WebhookReport
        {
            NoEndpoint = plain,
            OneEndpoint = watched,
            Respondents = options.Voters,
            SessionsFinished = load.Finished,
            SessionErrors = load.Errors,
            CompletedDelivered = completed.Count,
            PollResultsDelivered = receiver.Count("poll.results"),
            Arrivals = receiver.Arrivals,
            Duplicates = receiver.Arrivals - receiver.FirstArrivals.Count,
            CommitToDelivery = LatencyStats.FromSorted(latency),
            WaitedSeconds = Math.Round(waited.Elapsed.TotalSeconds, 1),
            Requests = cost?.Finish("finished session", load.Finished),
        };
    }
}
