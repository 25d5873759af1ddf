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
        var plain = await TimedLoad.MeasureAsync(run, "hot, no webhook endpoint", await run.CreatePollsAsync(1, "plain", null).ConfigureAwait(false),
            options.DurationSeconds, "plain" + run.RunTag, 0).ConfigureAwait(false);

        await run.Api.CreateWebhookAsync(receiver.Url, ["response.completed", "poll.results"], CancellationToken.None).ConfigureAwait(false);
        var watched = await TimedLoad.MeasureAsync(run, "hot, one webhook endpoint", await run.CreatePollsAsync(1, "watched", null)
            .ConfigureAwait(false), options.DurationSeconds, "watched" + run.RunTag, 0).ConfigureAwait(false);

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
