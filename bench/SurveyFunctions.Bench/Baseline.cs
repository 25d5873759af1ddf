using System.Diagnostics;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Bench;

/// <summary>
/// The straightforward design: every vote is a read-modify-write of one counter entity with optimistic concurrency
/// (GetEntity, UpdateEntity If-Match, retry on 412), straight through the storage client, same concurrency.
/// </summary>
internal static class Baseline
{
    private const int MaxTriesPerVote = 1000;

    public static async Task<BaselineResult> RunAsync(string connectionString, int voters, double seconds)
    {
        var (service, _) = StorageClients.FromSettings("AzureWebJobsStorage", _ => connectionString);
        var table = service.GetTableClient("benchbaseline" + DateTime.UtcNow.ToString("HHmmssfff", CultureInfo.InvariantCulture));
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        var seed = new TableEntity("poll", "counter") { ["Total"] = 0L, ["opt_1"] = 0L, ["opt_2"] = 0L, ["opt_3"] = 0L };
        await table.AddEntityAsync(seed).ConfigureAwait(false);

        var recorders = new LatencyRecorder[voters];
        var committed = new long[voters];
        var conflicts = new long[voters];
        var gaveUp = new long[voters];
        var errors = new long[voters];
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        var tasks = new Task[voters];
        for (var i = 0; i < voters; i++)
        {
            var w = i;
            recorders[w] = new LatencyRecorder();
            tasks[w] = Task.Run(async () =>
            {
                var option = "opt_" + (char)('1' + w % 3);
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var done = false;
                    for (var attempt = 0; attempt < MaxTriesPerVote && !done; attempt++)
                    {
                        try
                        {
                            var e = await table.GetOrNullAsync("poll", "counter").ConfigureAwait(false)
                                    ?? throw new InvalidOperationException("counter entity missing");
                            e["Total"] = (e.GetInt64("Total") ?? 0) + 1;
                            e[option] = (e.GetInt64(option) ?? 0) + 1;
                            await table.UpdateEntityAsync(e, e.ETag, TableUpdateMode.Replace).ConfigureAwait(false);
                            done = true;
                        }
                        catch (RequestFailedException ex) when (ex.Status == 412)
                        {
                            conflicts[w]++;
                        }
                        catch (Exception ex) when (ex is RequestFailedException or AggregateException or HttpRequestException)
                        {
                            errors[w]++;
                            break;
                        }
                    }
                    if (done)
                    {
                        recorders[w].Record(t0, Stopwatch.GetTimestamp());
                        committed[w]++;
                    }
                    else
                    {
                        gaveUp[w]++;
                    }
                }
            });
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var final = await table.GetOrNullAsync("poll", "counter").ConfigureAwait(false);
        long total = 0, conflictTotal = 0, gaveUpTotal = 0, errorTotal = 0;
        for (var i = 0; i < voters; i++)
        {
            total += committed[i];
            conflictTotal += conflicts[i];
            gaveUpTotal += gaveUp[i];
            errorTotal += errors[i];
        }
        return new BaselineResult
        {
            Voters = voters,
            DurationSeconds = seconds,
            ElapsedSeconds = Math.Round(elapsed, 2),
            Committed = total,
            VotesPerSecond = Math.Round(total / elapsed, 1),
            Conflicts412 = conflictTotal,
            ConflictsPerCommittedVote = total == 0 ? 0 : Math.Round((double)conflictTotal / total, 2),
            GaveUp = gaveUpTotal,
            StorageErrors = errorTotal,
            FinalCounter = final?.GetInt64("Total") ?? -1,
            Latency = LatencyRecorder.Merge(recorders),
        };
    }
}

internal sealed class BaselineResult
{
    public int Voters { get; init; }
    public double DurationSeconds { get; init; }
    public double ElapsedSeconds { get; init; }
    public long Committed { get; init; }
    public double VotesPerSecond { get; init; }
    public long Conflicts412 { get; init; }
    public double ConflictsPerCommittedVote { get; init; }
    public long GaveUp { get; init; }
    public long StorageErrors { get; init; }
    public long FinalCounter { get; init; }
    public required LatencyStats Latency { get; init; }
}
