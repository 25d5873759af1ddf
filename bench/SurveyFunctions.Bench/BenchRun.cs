using System.Globalization;

namespace SurveyFunctions.Bench;

/// <summary>What every scenario of one bench run shares: the options, the report it fills, the client, the target.</summary>
/// <param name="PendingBatches">With storage access, whether unaggregated batches remain (the drain asks storage, not every poll).</param>
/// <param name="RunTag">Tells this run's voters' fingerprints from an earlier run's on the same host.</param>
internal sealed record BenchRun(
    BenchOptions Options,
    BenchReport Report,
    HttpClient Http,
    ApiClient Api,
    BenchTarget Target,
    Func<CancellationToken, Task<bool>>? PendingBatches,
    string RunTag)
{
    /// <summary>Published polls, each with its embed token, created <c>8</c> at a time.</summary>
    public async Task<VoteTarget[]> CreatePollsAsync(int count, string title, int? maxResponses)
    {
        var targets = new VoteTarget[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var id = await Api.CreatePublishedPollAsync(string.Create(CultureInfo.InvariantCulture, $"{title} {i}"), maxResponses, ct).ConfigureAwait(false);
            var token = await Api.GetTokenAsync(id, ct).ConfigureAwait(false);
            targets[i] = new VoteTarget(id, new Uri(Api.BaseAddress, "api/polls/" + id + "/vote"), token);
        }).ConfigureAwait(false);
        return targets;
    }

    /// <summary>Runs one scenario; a failure is noted in the report (with Azurite's last words) and the others still run.</summary>
    public async Task GuardAsync(string name, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed scenario is reported, and the others still run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var tail = Target.AzuriteStandardError;
            if (tail.Length > 600) tail = tail[^600..];
            Report.Notes.Add($"Scenario '{name}' FAILED: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}" +
                             (tail.Length > 0 ? " | Azurite stderr tail: " + tail.ReplaceLineEndings(" ") : ""));
            Report.Failed = true;
            BenchLog.Write($"{name} failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }
}
