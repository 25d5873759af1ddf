using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using SurveyFunctions.Bench;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Host;
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
        VoteShards = 8,
    },
};

AzuriteInstance? emulator = null;
WebApplication? app = null;
try
{
    Uri baseUri;
    string adminKey;
    string? storage = options.StorageConnectionString;
    if (options.Url is null)
    {
        Log("starting Azurite");
        emulator = await AzuriteInstance.StartAsync().ConfigureAwait(false);
        storage = emulator.ConnectionString;
        var port = LoopbackPorts.PickOne();
        baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signing = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        app = SurveyFunctionsHost.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--AzureWebJobsStorage={emulator.ConnectionString}",
            $"--SurveyFunctions:AdminKey={adminKey}",
            $"--SurveyFunctions:SigningKeys=t1={signing}",
            $"--SurveyFunctions:PublicBaseUrl={baseUri}",
            "--SurveyFunctions:VoteShards=8",
            // Every virtual voter is 127.0.0.1: the per-address limits that protect a real deployment would measure
            // themselves, not the vote pipeline. Off here only; the report says so.
            InProcessHost.RateLimitsOff,
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync().ConfigureAwait(false);
        report.Target = "in-process SurveyFunctions.Host (Kestrel, background aggregator + closer, rate limits off: every voter is 127.0.0.1) + private in-memory Azurite, same machine";
        Log("host listening on " + baseUri);
    }
    else
    {
        baseUri = options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        adminKey = options.AdminKey!;
        report.Target = "external host " + baseUri;
        report.Parameters.VoteShards = null;
    }

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
    var api = new ApiClient(http, baseUri);
    // With storage access the drain wait asks storage, not every poll (VoteShards partitions when we host; 64 is the most there can be).
    var pendingBatches = PendingBatches.Checker(storage, options.Url is null ? 8 : 64);

    // Azurite answers every table query by scanning the whole table, so a scenario run after another would pay for the
    // votes the earlier one left behind (Azure Table Storage would not: it reads key ranges from its index). On our own
    // Azurite each scenario therefore starts with an empty votes table; its own votes still accumulate as it runs.
    async Task StartFromEmptyVotesTableAsync(string scenario)
    {
        if (emulator is null)
            return;
        var votes = StorageClients.FromSettings("AzureWebJobsStorage", _ => emulator.ConnectionString).Tables.GetTableClient(StorageNames.PollVotesTable);
        await votes.DeleteAsync().ConfigureAwait(false); // a missing table is a 404 response, not an error
        await votes.CreateIfNotExistsAsync().ConfigureAwait(false);
        Log($"{scenario}: votes table emptied (private Azurite)");
    }
    await api.CreateTenantAsync(adminKey, CancellationToken.None).ConfigureAwait(false);
    var runTag = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    async Task Guard(string name, Func<Task> body)
    {
        try
        {
            await body().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed scenario is reported, and the others still run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var tail = emulator?.CapturedStandardError ?? "";
            if (tail.Length > 600) tail = tail[^600..];
            report.Notes.Add($"Scenario '{name}' FAILED: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}" +
                             (tail.Length > 0 ? " | Azurite stderr tail: " + tail.ReplaceLineEndings(" ") : ""));
            report.Failed = true;
            Log($"{name} failed: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }

    if (options.Runs("hot")) await Guard("hot", async () =>
    {
        var warm = await CreateTargetsAsync(api, 1, "warmup", null).ConfigureAwait(false);
        Log($"warm-up {options.WarmupSeconds} s (separate poll, not reported)");
        if (options.WarmupSeconds > 0)
            await VoteLoad.RunAsync(http, warm, options.Voters, options.WarmupSeconds, "warm" + runTag, 7).ConfigureAwait(false);

        var targets = await CreateTargetsAsync(api, 1, "hot", null).ConfigureAwait(false);
        // Each voter fetches its own embed token once (a real GET per voter); the token is per poll, so they are equivalent.
        await Parallel.ForAsync(0, options.Voters, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (_, ct) => await api.GetTokenAsync(targets[0].PollId, ct).ConfigureAwait(false)).ConfigureAwait(false);
        report.Hot = await RunScenarioAsync("hot", http, api, targets, options.Voters, options.DurationSeconds, "hot" + runTag, 0, pendingBatches).ConfigureAwait(false);

        // The latency target is stated at 80% of peak: a fresh poll, on an empty votes table like the hot run had, offered
        // 0.8 x the hot run's accepted/s on a schedule.
        await StartFromEmptyVotesTableAsync("hot-80").ConfigureAwait(false);
        var pacedTargets = await CreateTargetsAsync(api, 1, "paced", null).ConfigureAwait(false);
        var paced = Math.Round(report.Hot.AcceptedPerSecond * 0.8);
        report.HotPaced = await RunScenarioAsync("hot-80", http, api, pacedTargets, options.Voters, Math.Min(options.DurationSeconds, 30), "paced" + runTag, 3, pendingBatches, paced).ConfigureAwait(false);

        if (!options.SkipBaseline && storage is not null)
        {
            Log($"baseline: read-modify-write of one entity, {options.Voters} concurrent, {options.BaselineSeconds} s");
            var before = CpuMeter.Take();
            report.Baseline = await Baseline.RunAsync(storage, options.Voters, options.BaselineSeconds).ConfigureAwait(false);
            report.BaselineCpu = CpuMeter.Between(before, CpuMeter.Take());
            report.RatioOursOverBaseline = report.Baseline.VotesPerSecond > 0
                ? Math.Round(report.Hot.AcceptedPerSecond / report.Baseline.VotesPerSecond, 2)
                : null;
        }
        else
        {
            report.Notes.Add("Baseline skipped (--no-baseline, or --url without --storage).");
        }
    }).ConfigureAwait(false);

    if (options.Runs("spread")) await Guard("spread", async () =>
    {
        Log($"spread: creating {options.SpreadPolls} polls (8 in parallel) and one token per poll");
        var sw = Stopwatch.StartNew();
        await StartFromEmptyVotesTableAsync("spread").ConfigureAwait(false);
        var targets = await CreateTargetsAsync(api, options.SpreadPolls, "spread", null).ConfigureAwait(false);
        var setup = sw.Elapsed.TotalSeconds;
        report.Spread = await RunScenarioAsync("spread", http, api, targets, options.Voters, options.DurationSeconds, "spread" + runTag, 1000, pendingBatches).ConfigureAwait(false);
        report.Spread.SetupSeconds = Math.Round(setup, 1);
    }).ConfigureAwait(false);

    if (options.Runs("capped")) await Guard("capped", async () =>
    {
        await StartFromEmptyVotesTableAsync("capped").ConfigureAwait(false);
        report.Capped = await RunCappedAsync(http, api, options.CappedLimit, options.CappedLimit + options.CappedExtra, "cap" + runTag, pendingBatches).ConfigureAwait(false);
    }).ConfigureAwait(false);
}
finally
{
    if (app is not null)
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
    if (emulator is not null)
        await emulator.DisposeAsync().ConfigureAwait(false);
}

report.FinishedUtc = DateTime.UtcNow;
var markdown = ReportWriter.Markdown(report);
Console.WriteLine(markdown);
var (mdPath, jsonPath) = ReportWriter.Save(report, markdown);
Log("wrote " + mdPath + " and " + jsonPath);
return report.AllCorrect && report.AllDrained && !report.Failed ? 0 : 1;

static async Task<VoteTarget[]> CreateTargetsAsync(ApiClient api, int count, string title, int? maxResponses)
{
    var targets = new VoteTarget[count];
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
    {
        var id = await api.CreatePublishedPollAsync(string.Create(CultureInfo.InvariantCulture, $"{title} {i}"), maxResponses, ct).ConfigureAwait(false);
        var token = await api.GetTokenAsync(id, ct).ConfigureAwait(false);
        targets[i] = new VoteTarget(id, new Uri(api.BaseAddress, "api/polls/" + id + "/vote"), token);
    }).ConfigureAwait(false);
    return targets;
}

static async Task<ScenarioReport> RunScenarioAsync(string name, HttpClient http, ApiClient api, VoteTarget[] targets, int voters, int seconds, string prefix, int seed, Func<CancellationToken, Task<bool>>? pending, double? votesPerSecond = null)
{
    Log($"{name}: {voters} voters x {seconds} s on {targets.Length} poll(s)" + (votesPerSecond is { } r ? $", offered {r} votes/s" : ", closed loop"));
    var before = CpuMeter.Take();
    var load = await VoteLoad.RunAsync(http, targets, voters, seconds, prefix, seed, votesPerSecond).ConfigureAwait(false);
    var cpu = CpuMeter.Between(before, CpuMeter.Take());
    Log($"{name}: {load.Accepted} accepted in {load.ElapsedSeconds:F1} s; waiting for aggregation");
    var beforeDrain = CpuMeter.Take();
    var drain = await Drain.WaitAsync(api, targets, load, TimeSpan.FromSeconds(60), pending).ConfigureAwait(false);
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
    };
}

static async Task<CappedReport> RunCappedAsync(HttpClient http, ApiClient api, int limit, int voters, string prefix, Func<CancellationToken, Task<bool>>? pending)
{
    Log($"capped: max_responses={limit}, {voters} voters once each, released together");
    var targets = await CreateTargetsAsync(api, 1, "capped", limit).ConfigureAwait(false);
    var target = targets[0];
    var tokens = new byte[voters][];
    await Parallel.ForAsync(0, voters, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
    {
        var token = await api.GetTokenAsync(target.PollId, ct).ConfigureAwait(false);
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
                using var response = await http.PostAsync(target.VoteUri, content).ConfigureAwait(false);
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
    var start = Stopwatch.GetTimestamp();
    gate.SetResult();
    await Task.WhenAll(tasks).ConfigureAwait(false);
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
    var drain = await Drain.WaitAsync(api, targets, load, TimeSpan.FromSeconds(60), pending).ConfigureAwait(false);
    return new CappedReport
    {
        MaxResponses = limit,
        Voters = voters,
        Accepted = load.Accepted,
        ElapsedSeconds = Math.Round(elapsed, 2),
        Latency = load.Latency,
        Errors = errors,
        Drain = drain,
        Correct = load.Accepted == limit && drain.FinalTotal == limit && drain.Correct,
    };
}

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


static void Log(string message) =>
    Console.Error.WriteLine("[bench " + DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "] " + message);
