using System.Diagnostics;

namespace SurveyFunctions.Bench.Scenarios;

/// <summary>
/// <c>take</c>: survey sessions started and finished at load, as votes are: respondents take a three-page survey through
/// the Take family, closed loop, then the wait until every finished session is counted in the survey's results.
/// Reports sessions/s, per-call latency and storage requests per finished session.
/// </summary>
internal static class TakeScenario
{
    /// <summary>Three pages of two required choice questions each.</summary>
    internal const string Survey = """
        {"name":"bench take","pages":[
         {"questions":[{"identifier":"q1","type":"single_choice","question":"One?","required":true,"options":[{"label":"A"},{"label":"B"}]},
                       {"identifier":"q2","type":"dropdown","question":"Two?","required":true,"options":[{"label":"A"},{"label":"B"}]}]},
         {"questions":[{"identifier":"q3","type":"multiple_choice","question":"Three?","required":true,"options":[{"label":"A"},{"label":"B"}]},
                       {"identifier":"q4","type":"single_choice","question":"Four?","required":true,"options":[{"label":"A"},{"label":"B"}]}]},
         {"questions":[{"identifier":"q5","type":"single_choice","question":"Five?","required":true,"options":[{"label":"A"},{"label":"B"}]},
                       {"identifier":"q6","type":"dropdown","question":"Six?","required":true,"options":[{"label":"A"},{"label":"B"}]}]}]}
        """;

    /// <summary>
    /// The same six questions with logic the bench respondents (who pick each question's first option) never leave: later
    /// questions shown on an earlier "A", branches that skip or end only on "B", texts that pipe earlier answers.
    /// </summary>
    private const string SurveyWithLogic = """
        {"name":"bench take with logic","pages":[
         {"identifier":"p1","questions":[
           {"identifier":"q1","type":"single_choice","question":"One?","required":true,"options":[{"client_id":"a","label":"A"},{"client_id":"b","label":"B"}]},
           {"identifier":"q2","type":"dropdown","question":"Two?","required":true,"options":[{"client_id":"a","label":"A"},{"client_id":"b","label":"B"}]}],
          "branches":[{"if":{"question":"q1","op":"includes_any","values":["b"]},"then":{"go_to":"p3"}}]},
         {"identifier":"p2","questions":[
           {"identifier":"q3","type":"multiple_choice","question":"Three, after {{q1}}?","required":true,"options":[{"label":"A"},{"label":"B"}],
            "display_if":{"question":"q1","op":"includes_any","values":["a"]}},
           {"identifier":"q4","type":"single_choice","question":"Four?","required":true,"options":[{"client_id":"a","label":"A"},{"client_id":"b","label":"B"}],
            "display_if":{"all":[{"question":"q2","op":"includes_none","values":["b"]},{"question":"q1","op":"answered"}]}}],
          "branches":[{"if":{"question":"q4","op":"includes_any","values":["b"]},"then":{"end":true}}]},
         {"identifier":"p3","questions":[
           {"identifier":"q5","type":"single_choice","question":"Five, after {{q2}}?","required":true,"options":[{"label":"A"},{"label":"B"}],
            "display_if":{"any":[{"question":"q4","op":"answered"},{"question":"q1","op":"includes_any","values":["b"]}]}},
           {"identifier":"q6","type":"dropdown","question":"Six?","required":true,"options":[{"label":"A"},{"label":"B"}],
            "display_if":{"not":{"question":"q2","op":"includes_any","values":["b"]}}}]}]}
        """;

    public static async Task RunAsync(BenchRun run)
    {
        var options = run.Options;
        await run.Target.StartFromEmptyVotesTableAsync("take").ConfigureAwait(false);
        var survey = options.TakeWithLogic ? SurveyWithLogic : Survey;
        var (id, uuid) = await run.Api.CreateStartedSurveyAsync(survey, CancellationToken.None).ConfigureAwait(false);
        var respondents = options.Voters;
        BenchLog.Write($"take: {respondents} respondents x {options.DurationSeconds} s, three-page sessions" +
            $"{(options.TakeWithLogic ? " with logic" : "")}, closed loop");
        var before = CpuMeter.Take();
        using var cost = StorageCost.Start(run.Target.StorageRequests);
        var load = await SessionLoad.RunAsync(run.Http, run.Api.BaseAddress, run.Api.ApiKey, id, respondents, options.DurationSeconds,
            "take" + run.RunTag).ConfigureAwait(false);
        cost?.LoadEnded();
        var cpu = CpuMeter.Between(before, CpuMeter.Take());
        BenchLog.Write($"take: {load.Finished} sessions finished in {load.ElapsedSeconds:F1} s; waiting for their counts");

        // Lag: until storage holds no unaggregated batch (as for votes), then the results must count every finished session.
        var from = load.LastFinishedTimestamp != 0 ? load.LastFinishedTimestamp : Stopwatch.GetTimestamp();
        double? lagMs = null;
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60) && run.PendingBatches is { } pending)
        {
            if (!await pending(CancellationToken.None).ConfigureAwait(false))
            {
                lagMs = Math.Round(Stopwatch.GetElapsedTime(from).TotalMilliseconds, 1);
                break;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        cost?.Drained();
        var (completed, uncounted) = await run.Api.GetSurveyResultsAsync(uuid, CancellationToken.None).ConfigureAwait(false);
        run.Report.Take = new TakeReport
        {
            WithLogic = options.TakeWithLogic,
            Respondents = respondents,
            ElapsedSeconds = Math.Round(load.ElapsedSeconds, 2),
            Started = load.Started,
            Finished = load.Finished,
            FinishedPerSecond = Math.Round(load.Finished / load.ElapsedSeconds, 1),
            CallsPerSecond = Math.Round(load.Calls / load.ElapsedSeconds, 1),
            Latency = load.Latency,
            Errors = load.Errors,
            LagMs = lagMs,
            CountedSessions = completed,
            PendingSessions = uncounted,
            Correct = completed == load.Finished && uncounted == 0 && load.Errors.Count == 0,
            LoadCpu = cpu,
            Requests = cost?.Finish("finished session", load.Finished),
        };
    }
}
