using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>capped</c>: a poll with <c>max_responses</c> and more voters than that, each voting once, all released together; the
/// cap must hold exactly (as many accepted as the cap, and counted).
/// </summary>
internal static class CappedScenario
{
    public static async Task RunAsync(BenchRun run)
    {
        await run.Target.StartFromEmptyVotesTableAsync("capped").ConfigureAwait(false);
        var options = run.Options;
        run.Report.Capped = await BurstAsync(run, options.CappedLimit, options.CappedLimit + options.CappedExtra, "cap" + run.RunTag).ConfigureAwait(false);
    }

    private static async Task<CappedReport> BurstAsync(BenchRun run, int limit, int voters, string prefix)
    {
        BenchLog.Write($"capped: max_responses={limit}, {voters} voters once each, released together");
        var targets = await run.CreatePollsAsync(1, "capped", limit).ConfigureAwait(false);
        var target = targets[0];
        var tokens = new byte[voters][];
        await Parallel.ForAsync(0, voters, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var token = await run.Api.GetTokenAsync(target.PollId, ct).ConfigureAwait(false);
            tokens[i] = JsonEncodedText.Encode(token).EncodedUtf8Bytes.ToArray();
        }).ConfigureAwait(false);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepted = new long[ApiClient.OptionCount];
        var recorders = new LatencyRecorder[voters];
        var kinds = new string?[voters];
        var tasks = new Task[voters];
        for (var i = 0; i < voters; i++)
        {
            var v = i;
            recorders[v] = new LatencyRecorder();
            tasks[v] = Task.Run(async () =>
            {
                var option = v % ApiClient.OptionCount;
                var body = "{\"option_ids\":[\"opt_" + (char)('1' + option) + "\"],\"_token\":\"" +
                           System.Text.Encoding.UTF8.GetString(tokens[v]) + "\",\"fingerprint\":\"" + prefix + "-v" +
                           v.ToString(CultureInfo.InvariantCulture) + "\"}";
                using var content = new StringContent(body, System.Text.Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
                await gate.Task.ConfigureAwait(false);
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await run.Http.PostAsync(target.VoteUri, content).ConfigureAwait(false);
                    recorders[v].Record(t0, Stopwatch.GetTimestamp());
                    if (response.StatusCode == HttpStatusCode.OK)
                        Interlocked.Increment(ref accepted[option]);
                    else
                        kinds[v] = await ApiClient.ErrorKindAsync(response).ConfigureAwait(false);
                }
                catch (HttpRequestException ex)
                {
                    kinds[v] = "transport " + ex.HttpRequestError;
                }
                catch (TaskCanceledException)
                {
                    kinds[v] = "transport timeout";
                }
            });
        }
        using var cost = StorageCost.Start(run.Target.StorageRequests);
        var start = Stopwatch.GetTimestamp();
        gate.SetResult();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        cost?.LoadEnded();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long transport = 0;
        foreach (var k in kinds)
        {
            if (k is null) continue;
            errors[k] = errors.GetValueOrDefault(k) + 1;
            if (k.StartsWith("transport", StringComparison.Ordinal)) transport++;
        }
        var load = new LoadOutcome
        {
            AcceptedPerPollOption = accepted,
            Attempts = voters,
            Accepted = accepted[0] + accepted[1] + accepted[2],
            Ambiguous = transport,
            ElapsedSeconds = elapsed,
            LastAcceptedTimestamp = Stopwatch.GetTimestamp(),
            Latency = LatencyRecorder.Merge(recorders),
            Errors = errors,
            AcceptedPerSecond = [], // one burst, not a timed run
        };
        var drain = await Drain.WaitAsync(run.Api, targets, load, TimeSpan.FromSeconds(60), run.PendingBatches,
            cost is null ? null : cost.Drained).ConfigureAwait(false);
        return new CappedReport
        {
            MaxResponses = limit,
            Voters = voters,
            Accepted = load.Accepted,
            ElapsedSeconds = Math.Round(elapsed, 2),
            Latency = load.Latency,
            Errors = errors,
            Drain = drain,
            Requests = cost?.Finish("accepted vote", load.Accepted),
            Correct = load.Accepted == limit && drain.FinalTotal == limit && drain.Correct,
        };
    }
}
