using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using SurveyFunctions.Bench;
using SurveyFunctions.Bench.Scenarios;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.TestSupport;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 2;
}

var report = new BenchReport
{
    StartedUtc = DateTime.UtcNow,
    Command = "dotnet run -c Release --project bench/SurveyFunctions.Bench -- " + string.Join(' ', args),
    Quick = options.Quick,
    Machine = new MachineInfo
    {
        ProcessorCount = Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Dotnet = RuntimeInformation.FrameworkDescription,
    },
    AzuriteVersion = ReadAzuriteVersion(),
    Parameters = new Parameters
    {
        Scenario = options.Scenario,
        DurationSeconds = options.DurationSeconds,
        Voters = options.Voters,
        SpreadPolls = options.SpreadPolls,
        CappedMaxResponses = options.CappedLimit,
        CappedVoters = options.CappedLimit + options.CappedExtra,
        BaselineSeconds = options.BaselineSeconds,
        VoteShards = options.VoteShards,
        ResultsAfterVote = !options.NoResultsAfterVote,
    },
};

await using (var target = new BenchTarget())
{
    await target.StartAsync(options).ConfigureAwait(false);
    report.Target = target.Description;
    if (!target.IsInProcess)
        report.Parameters.VoteShards = null;

    // One client for everything. Connection cap: voters for hot/spread (they never have more in flight), and the capped
    // scenario's voter count so its 700 votes really are concurrent.
    using var handler = new SocketsHttpHandler
    {
        MaxConnectionsPerServer = Math.Max(options.Voters, options.CappedLimit + options.CappedExtra),
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
    };
    using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    var api = new ApiClient(http, target.BaseUri) { ResultsAfterVote = !options.NoResultsAfterVote };
    // With storage access the drain wait asks storage, not every poll (the partitions polls and survey counters use when we host;
    // 64 is the most there can be).
    var pendingBatches = PendingBatches.Checker(target.Storage,
        target.IsInProcess ? Math.Max(options.VoteShards, SurveyCounterKeys.Shards) : VoteKeys.MaxPartitions);
    await api.CreateTenantAsync(target.AdminKey, CancellationToken.None).ConfigureAwait(false);
    var run = new BenchRun(options, report, http, api, target, pendingBatches, DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture));

    // hot-80 and the baseline are stated against the hot run, so they run with it.
    if (options.Runs("hot")) await run.GuardAsync("hot", async () =>
    {
        var hot = await HotScenario.RunAsync(run).ConfigureAwait(false);
        await HotPacedScenario.RunAsync(run, hot).ConfigureAwait(false);
        await BaselineScenario.RunAsync(run, hot).ConfigureAwait(false);
    }).ConfigureAwait(false);
    if (options.Runs("spread")) await run.GuardAsync("spread", () => SpreadScenario.RunAsync(run)).ConfigureAwait(false);
    if (options.Runs("capped")) await run.GuardAsync("capped", () => CappedScenario.RunAsync(run)).ConfigureAwait(false);
    if (options.Runs("take")) await run.GuardAsync("take", () => TakeScenario.RunAsync(run)).ConfigureAwait(false);
    if (options.Runs("export")) await run.GuardAsync("export", () => ExportScenario.RunAsync(run)).ConfigureAwait(false);
}

report.FinishedUtc = DateTime.UtcNow;
var markdown = ReportWriter.Markdown(report);
Console.WriteLine(markdown);
var (mdPath, jsonPath) = ReportWriter.Save(report, markdown);
BenchLog.Write("wrote " + mdPath + " and " + jsonPath);
return report.AllCorrect && report.AllDrained && !report.Failed ? 0 : 1;

static string ReadAzuriteVersion()
{
    try
    {
        var path = Path.Combine(AzuriteInstance.FindRepoRoot(), "node_modules", "azurite", "package.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.GetProperty("version").GetString() ?? "unknown";
    }
    catch (Exception ex) when (ex is IOException or InvalidOperationException or JsonException or KeyNotFoundException)
    {
        return "unknown (" + ex.Message + ")";
    }
}
