using System.Diagnostics;

namespace SurveyFunctions.Bench;

/// <summary>
/// Aggregation lag and correctness. Lag: with storage access, until no unaggregated batch row is left (checked every
/// 100 ms); without it, until every poll's owner results show pending_votes == 0. Correctness: every poll's owner
/// results must then show total_votes == what the bench saw accepted for it, per option, or the run fails.
/// </summary>
internal static class Drain
{
    public static async Task<DrainResult> WaitAsync(ApiClient api, VoteTarget[] targets, LoadOutcome load, TimeSpan timeout, Func<CancellationToken,
        Task<bool>>? storageShowsPending = null, Action? drained = null)
    {
        var finals = new PollResults?[targets.Length];
        var drainedAt = new long[targets.Length];
        var open = new List<int>(targets.Length);
        for (var i = 0; i < targets.Length; i++) open.Add(i);
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        var readErrors = 0;
        // Past every loop's own deadline (lag wait + verification), so it only stops a hung read.
        using var cts = new CancellationTokenSource(timeout * 3);
        var from = load.LastAcceptedTimestamp != 0 ? load.LastAcceptedTimestamp : started;

        // With storage access, the lag ends when no batch row is left: a batch row is deleted in the very transaction
        // that adds its votes to the counters. The per-poll reads below then only verify; they cost a query per poll
        // per partition, which on Azurite (a full table scan each) would otherwise dominate the number being measured.
        double? storageLagMs = null;
        if (storageShowsPending is not null)
        {
            while (Stopwatch.GetElapsedTime(started) < timeout)
            {
                rounds++;
                if (!await storageShowsPending(cts.Token).ConfigureAwait(false))
                {
                    storageLagMs = Math.Round(Stopwatch.GetElapsedTime(from).TotalMilliseconds, 1);
                    drained?.Invoke();
                    break;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            }
        }

        while (open.Count > 0 && Stopwatch.GetElapsedTime(started) < (storageLagMs is null ? timeout : timeout * 2))
        {
            rounds++;
            var roundStart = Stopwatch.GetTimestamp();
            var stillOpen = new List<int>();
            var gate = new object();
            await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cts.Token }, async (i, ct) =>
            {
                PollResults r;
                try
                {
                    r = await api.GetResultsAsync(targets[i].PollId, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException)
                {
                    Interlocked.Increment(ref readErrors);
                    lock (gate) stillOpen.Add(i);
                    return;
                }
                var seen = Stopwatch.GetTimestamp();
                finals[i] = r;
                if (r.Pending == 0 && r.Total == load.AcceptedForPoll(i))
                    drainedAt[i] = seen;
                else
                    lock (gate) stillOpen.Add(i);
            }).ConfigureAwait(false);
            open = stillOpen;
            var wait = TimeSpan.FromMilliseconds(100) - Stopwatch.GetElapsedTime(roundStart);
            if (open.Count > 0 && wait > TimeSpan.Zero)
                await Task.Delay(wait).ConfigureAwait(false);
        }

        double? lagMs = storageLagMs;
        if (open.Count == 0 && lagMs is null && storageShowsPending is null)
        {
            long last = 0;
            foreach (var t in drainedAt) last = Math.Max(last, t);
            lagMs = Math.Round(Stopwatch.GetElapsedTime(from, last).TotalMilliseconds, 1);
        }

        // Correctness against the final reads (after a timeout, read every poll once more).
        long finalTotal = 0, finalPending = 0, expected = 0;
        var pollsMismatched = 0;
        var optionMismatches = 0;
        var sentPerOption = new long[ApiClient.OptionCount];
        var countedPerOption = new long[ApiClient.OptionCount];
        for (var i = 0; i < targets.Length; i++)
        {
            var r = finals[i];
            if (open.Count > 0 && open.Contains(i))
            {
                try { r = await api.GetResultsAsync(targets[i].PollId, cts.Token).ConfigureAwait(false); }
                catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException) { readErrors++; }
            }
            var acc = load.AcceptedForPoll(i);
            expected += acc;
            if (r is null)
            {
                pollsMismatched++;
                continue;
            }
            finalTotal += r.Total;
            finalPending += r.Pending;
            if (r.Total != acc) pollsMismatched++;
            for (var o = 0; o < ApiClient.OptionCount; o++)
            {
                var sent = load.AcceptedPerPollOption[i * ApiClient.OptionCount + o];
                sentPerOption[o] += sent;
                countedPerOption[o] += r.Counts[o];
                if (r.Counts[o] != sent) optionMismatches++;
            }
        }

        return new DrainResult
        {
            LagMs = lagMs,
            TimedOut = open.Count > 0 || lagMs is null,
            MeasuredOnStorage = storageShowsPending is not null,
            PollsStillPending = open.Count,
            Rounds = rounds,
            ResultReadErrors = readErrors,
            ExpectedTotal = expected,
            FinalTotal = finalTotal,
            FinalPending = finalPending,
            PollsChecked = targets.Length,
            PollsMismatched = pollsMismatched,
            OptionMismatches = optionMismatches,
            SentPerOption = sentPerOption,
            CountedPerOption = countedPerOption,
            Correct = pollsMismatched == 0 && optionMismatches == 0 && finalTotal == expected && load.Ambiguous == 0,
        };
    }
}

internal sealed class DrainResult
{
    public double? LagMs { get; init; }
    public bool TimedOut { get; init; }
    public bool MeasuredOnStorage { get; init; }
    public int PollsStillPending { get; init; }
    public int Rounds { get; init; }
    public int ResultReadErrors { get; init; }
    public long ExpectedTotal { get; init; }
    public long FinalTotal { get; init; }
    public long FinalPending { get; init; }
    public int PollsChecked { get; init; }
    public int PollsMismatched { get; init; }
    public int OptionMismatches { get; init; }
    public required long[] SentPerOption { get; init; }
    public required long[] CountedPerOption { get; init; }
    public bool Correct { get; init; }
}
