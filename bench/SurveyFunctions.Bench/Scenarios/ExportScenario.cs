using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>export</c>: N finished sessions written straight into Table Storage (<see cref="FinishedSessionSeeder"/>), then exported
/// four ways, one after the other, each bounded in time: streamed as CSV, streamed as NDJSON, as a CSV export job (POST, then the
/// status polled until it succeeds) and that job's file downloaded. Each phase reports its rows against the results' count,
/// time to first byte, rows/s and the host process's working set before, at its peak and after.
/// </summary>
internal static class ExportScenario
{
    /// <summary>Choice questions and a free-text one, so rows hold labels and quoted text with commas.</summary>
    private const string Survey = """
        {"name":"bench export","pages":[
         {"questions":[{"identifier":"q1","type":"single_choice","question":"One?","required":true,"options":[{"label":"A"},{"label":"B"},{"label":"C"}]},
                       {"identifier":"q2","type":"multiple_choice","question":"Two?","required":false,"options":[{"label":"Reports"},{"label":"Alerts"}]}]},
         {"questions":[{"identifier":"q3","type":"dropdown","question":"Three?","required":true,"options":[{"label":"Daily"},{"label":"Weekly"}]},
                       {"identifier":"q4","type":"text","question":"Anything else?","required":false}]}]}
        """;

    public static async Task RunAsync(BenchRun run)
    {
        var options = run.Options;
        var host = run.Target.Host ?? throw new InvalidOperationException("the export scenario needs the host in its own process");
        var (surveyId, uuid) = await run.Api.CreateStartedSurveyAsync(Survey, CancellationToken.None).ConfigureAwait(false);
        var questions = await run.Api.GetSeedQuestionsAsync(uuid, CancellationToken.None).ConfigureAwait(false);

        var rows = options.ExportRows;
        BenchLog.Write($"export: seeding {rows} finished sessions into Table Storage");
        var seedClock = Stopwatch.StartNew();
        await FinishedSessionSeeder.SeedAsync(new TableServiceClient(run.Target.Storage), run.Api.TenantId, uuid,
            long.Parse(surveyId, CultureInfo.InvariantCulture), questions, rows, 1_000_000_000, DateTimeOffset.UtcNow.AddMinutes(-5))
            .ConfigureAwait(false);
        var seedSeconds = seedClock.Elapsed.TotalSeconds;
        var (completed, _) = await run.Api.GetSurveyResultsAsync(uuid, CancellationToken.None).ConfigureAwait(false);
        BenchLog.Write($"export: seeded in {seedSeconds:F1} s ({rows / seedSeconds:F0} sessions/s)");

        var report = run.Report.Export = new ExportReport
        {
            Sessions = rows,
            HostServerGc = options.ExportServerGc,
            PhaseTimeoutSeconds = options.ExportTimeoutSeconds,
            SeedSeconds = Math.Round(seedSeconds, 1),
            SeedSessionsPerSecond = Math.Round(rows / seedSeconds, 0),
            ResultsCompletedSessions = completed,
            HostIdleMb = HostMemory.Mb(HostMemory.Read(host.ProcessId, "VmRSS:") ?? 0),
            LoadAverageBefore = LoadAverage(),
        };
        var stream = new Uri(run.Api.BaseAddress, $"api/surveys/{uuid}/responses?format=");
        report.Phases.Add(await PhaseAsync(run, "stream CSV", rows, ct => Download(run, new Uri(stream + "csv"), true, ct)).ConfigureAwait(false));
        report.Phases.Add(await PhaseAsync(run, "stream NDJSON", rows, ct => Download(run, new Uri(stream + "ndjson"), false, ct)).ConfigureAwait(false));
        string? file = null;
        report.Phases.Add(await PhaseAsync(run, "job (CSV into Blob Storage)", rows, async ct =>
        {
            var (done, path, expected) = await RunJobAsync(run.Http, run.Api, uuid, ct).ConfigureAwait(false);
            (file, report.JobRowsExpected) = (path, expected);
            return done;
        }).ConfigureAwait(false));
        if (file is not null)
            report.Phases.Add(await PhaseAsync(run, "job file download", rows, ct => Download(run, new Uri(run.Api.BaseAddress, file.TrimStart('/')), true, ct))
                .ConfigureAwait(false));
        report.LoadAverageAfter = LoadAverage();
    }

    private static async Task<ExportDownload.Result> Download(BenchRun run, Uri uri, bool csv, CancellationToken ct) =>
        await ExportDownload.ReadAsync(run.Http, uri, run.Api.ApiKey, csv, ct).ConfigureAwait(false);

    /// <summary>One phase with the host's memory and CPU measured around it, stopped after the phase timeout.</summary>
    private static async Task<ExportPhase> PhaseAsync(BenchRun run, string name, long expected, Func<CancellationToken, Task<ExportDownload.Result>> body)
    {
        var pid = run.Target.Host!.ProcessId;
        var hostPid = pid.ToString(CultureInfo.InvariantCulture);
        BenchLog.Write($"export: {name}");
        var cpuBefore = CpuMeter.Take();
        var hostCpuBefore = CpuMeter.ProcessCpuSeconds(hostPid);
        await using var memory = HostMemory.Start(pid);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(run.Options.ExportTimeoutSeconds));
        ExportDownload.Result? result = null;
        string? error = null;
        try
        {
            result = await body(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or JsonException or OperationCanceledException)
        {
            error = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
        }
        var figures = await memory.StopAsync().ConfigureAwait(false);
        var cpu = CpuMeter.Between(cpuBefore, CpuMeter.Take());
        var hostSeconds = CpuMeter.ProcessCpuSeconds(hostPid) - hostCpuBefore;
        var phase = new ExportPhase
        {
            Name = name,
            ExpectedRows = expected,
            Rows = result?.Rows ?? 0,
            Bytes = result?.Bytes ?? 0,
            HeadersMs = result?.HeadersMs,
            FirstByteMs = result?.FirstByteMs,
            Seconds = result?.Seconds ?? cpu.WallSeconds,
            TimedOut = result?.TimedOut ?? false,
            Error = error,
            Memory = figures,
            HostCores = Math.Round(hostSeconds / cpu.WallSeconds, 2),
            // The bench's children are Azurite and the host: Azurite's share is theirs less the host's.
            AzuriteCores = cpu.AzuriteCores is { } children ? Math.Round(children - hostSeconds / cpu.WallSeconds, 2) : null,
        };
        BenchLog.Write($"export: {name}: {phase.Rows}/{expected} rows in {phase.Seconds} s ({phase.RowsPerSecond}/s), host peak {figures.PeakMb} MB" +
            (phase.TimedOut ? " (time ran out)" : "") + (error is null ? "" : " " + error));
        return phase;
    }

    /// <summary>Starts a CSV export job and polls its status until it succeeds; rows are its rows_written, bytes its file's; also its
    /// download path and rows_expected.</summary>
    private static async Task<(ExportDownload.Result Result, string? File, long? RowsExpected)> RunJobAsync(HttpClient http, ApiClient api, string uuid, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        string id;
        using (var start = new HttpRequestMessage(HttpMethod.Post, new Uri(api.BaseAddress, $"api/surveys/{uuid}/exports")))
        {
            start.Headers.Add("X-API-Key", api.ApiKey);
            start.Content = new StringContent("""{"format":"csv"}""", Encoding.UTF8, "application/json");
            using var reply = await http.SendAsync(start, ct).ConfigureAwait(false);
            var text = await reply.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (reply.StatusCode != HttpStatusCode.Accepted)
                throw new InvalidOperationException($"start export: {(int)reply.StatusCode} {text}");
            using var doc = JsonDocument.Parse(text);
            id = doc.RootElement.GetProperty("id").GetString()!;
        }
        var startedMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
        double? firstRowsMs = null;
        while (true)
        {
            using var status = new HttpRequestMessage(HttpMethod.Get, new Uri(api.BaseAddress, $"api/exports/{id}"));
            status.Headers.Add("X-API-Key", api.ApiKey);
            using var reply = await http.SendAsync(status, CancellationToken.None).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(await reply.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false));
            var root = doc.RootElement;
            var state = root.GetProperty("status").GetString();
            var written = root.GetProperty("rows_written").GetInt64();
            if (written > 0) firstRowsMs ??= Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            var done = state is "succeeded" or "failed";
            if (done || ct.IsCancellationRequested)
            {
                if (state == "failed")
                    throw new InvalidOperationException("export job failed: " + root.GetProperty("error"));
                var result = new ExportDownload.Result(startedMs, firstRowsMs, Math.Round(clock.Elapsed.TotalSeconds, 2),
                    root.GetProperty("bytes").GetInt64(), written, null, !done);
                var expected = root.GetProperty("rows_expected") is { ValueKind: JsonValueKind.Number } e ? e.GetInt64() : (long?)null;
                return (result, done ? root.GetProperty("download").GetString() : null, expected);
            }
            await Task.Delay(500, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
