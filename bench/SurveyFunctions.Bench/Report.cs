using System.Globalization;
using System.Text;
using System.Text.Json;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

internal sealed class BenchReport
{
    public DateTime StartedUtc { get; init; }
    public DateTime FinishedUtc { get; set; }
    public required string Command { get; init; }
    public bool Quick { get; init; }
    public required MachineInfo Machine { get; init; }
    public required string AzuriteVersion { get; init; }
    public string Target { get; set; } = "";
    public required Parameters Parameters { get; init; }
    public ScenarioReport? Hot { get; set; }
    public ScenarioReport? HotPaced { get; set; }
    public BaselineResult? Baseline { get; set; }
    public CpuUsage? BaselineCpu { get; set; }
    public double? RatioOursOverBaseline { get; set; }
    public ScenarioReport? Spread { get; set; }
    public CappedReport? Capped { get; set; }
    public TakeReport? Take { get; set; }
    public ExportReport? Export { get; set; }
    public List<string> Notes { get; } = [];
    public bool Failed { get; set; }

    /// <summary>Counts: owner totals and per-option counts equal what the bench saw accepted.</summary>
    public bool AllCorrect =>
        (Hot?.Drain.Correct ?? true) && (HotPaced?.Drain.Correct ?? true) && (Spread?.Drain.Correct ?? true) && (Capped?.Correct ?? true) && (Take?.Correct ?? true) && (Export?.Correct ?? true) &&
        (Baseline is null || Baseline.FinalCounter == Baseline.Committed);

    /// <summary>Drain: every poll reached pending_votes == 0 with total == accepted within 60 s.</summary>
    public bool AllDrained =>
        !(Hot?.Drain.TimedOut ?? false) && !(HotPaced?.Drain.TimedOut ?? false) && !(Spread?.Drain.TimedOut ?? false)
            && !(Capped?.Drain.TimedOut ?? false) && !(Take is { LagMs: null });
}

internal sealed class MachineInfo
{
    public int ProcessorCount { get; init; }
    public required string Os { get; init; }
    public required string Dotnet { get; init; }
}

internal sealed class Parameters
{
    public required string Scenario { get; init; }
    public int DurationSeconds { get; init; }
    public int Voters { get; init; }
    public int SpreadPolls { get; init; }
    public int CappedMaxResponses { get; init; }
    public int CappedVoters { get; init; }
    public int BaselineSeconds { get; init; }
    public int? VoteShards { get; set; }
    public bool ResultsAfterVote { get; init; }
}

internal sealed class ScenarioReport
{
    public required string Name { get; init; }
    public int Voters { get; init; }
    public int DurationSeconds { get; init; }
    public double? OfferedPerSecond { get; init; }
    public int Polls { get; init; }
    public double? SetupSeconds { get; set; }
    public double ElapsedSeconds { get; init; }
    public long Attempts { get; init; }
    public long Accepted { get; init; }
    public double AcceptedPerSecond { get; init; }
    public double HeadAcceptedPerSecond { get; init; }
    public double TailAcceptedPerSecond { get; init; }
    public double AttemptsPerSecond { get; init; }
    public required LatencyStats Latency { get; init; }
    public required SortedDictionary<string, long> Errors { get; init; }
    public long TransportErrors { get; init; }
    public required DrainResult Drain { get; init; }
    public required CpuUsage LoadCpu { get; init; }
    public required CpuUsage DrainCpu { get; init; }
    public StorageCost? Requests { get; init; }
}

internal sealed class CappedReport
{
    public int MaxResponses { get; init; }
    public int Voters { get; init; }
    public long Accepted { get; init; }
    public double ElapsedSeconds { get; init; }
    public required LatencyStats Latency { get; init; }
    public required SortedDictionary<string, long> Errors { get; init; }
    public required DrainResult Drain { get; init; }
    public StorageCost? Requests { get; init; }
    public bool Correct { get; init; }
}

internal sealed class TakeReport
{
    /// <summary>The survey had logic (<c>--take-logic</c>).</summary>
    public bool WithLogic { get; init; }

    public int Respondents { get; init; }
    public double ElapsedSeconds { get; init; }
    public long Started { get; init; }
    public long Finished { get; init; }
    public double FinishedPerSecond { get; init; }
    public double CallsPerSecond { get; init; }
    public required LatencyStats Latency { get; init; }
    public required SortedDictionary<string, long> Errors { get; init; }
    public double? LagMs { get; init; }
    public long CountedSessions { get; init; }
    public long PendingSessions { get; init; }
    public bool Correct { get; init; }
    public required CpuUsage LoadCpu { get; init; }
    public StorageCost? Requests { get; init; }
}

internal static class ReportWriter
{
    public static string Markdown(BenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"# SurveyFunctions vote benchmark{(r.Quick ? " (QUICK smoke run: 10 s scenarios, fewer polls — not a full run)" : "")}\n\n");
        sb.Append(c, $"- Started (UTC): {r.StartedUtc:yyyy-MM-dd HH:mm:ss}, finished {r.FinishedUtc:HH:mm:ss}\n");
        sb.Append(c, $"- Command: `{r.Command}`\n");
        sb.Append(c, $"- Machine: {r.Machine.ProcessorCount} logical CPUs, {r.Machine.Os}, {r.Machine.Dotnet}\n");
        sb.Append(c, $"- Azurite: {r.AzuriteVersion} (in-memory)\n");
        sb.Append(c, $"- Target: {r.Target}\n");
        var p = r.Parameters;
        sb.Append(c, $"- Parameters: scenario={p.Scenario}, duration={p.DurationSeconds} s, voters={p.Voters}, spread polls={p.SpreadPolls}, capped max_responses={p.CappedMaxResponses} with {p.CappedVoters} voters, baseline {p.BaselineSeconds} s, VoteShards={(p.VoteShards?.ToString(c) ?? "n/a")}, results in each vote's answer: {(p.ResultsAfterVote ? "yes (the API's default)" : "no (--no-results)")}\n");
        sb.Append("- Load generator, host and Azurite share the same cores; CPU columns are cores used (CPU-seconds / wall-seconds).\n");
        if (r.Failed) sb.Append("- **At least one scenario FAILED (see notes at the end); its numbers are missing.**\n");
        sb.Append(c, $"- Overall counts (total and per-option == accepted): **{(r.AllCorrect ? "PASS" : "FAIL")}**; drain (pending_votes==0 within 60 s everywhere): **{(r.AllDrained ? "PASS" : "FAIL")}**\n\n");

        if (r.Hot is not null) Scenario(sb, r.Hot, "hot: one poll");
        if (r.HotPaced is not null) Scenario(sb, r.HotPaced,
            $"hot at 80% of peak: {r.HotPaced.OfferedPerSecond} votes/s offered on a schedule (latency from each vote's scheduled time)");
        if (r.Baseline is { } b)
        {
            sb.Append("## baseline: read-modify-write of one counter entity (GetEntity → UpdateEntity If-Match, retry on 412)\n\n");
            sb.Append("| votes/s | committed | 412 conflicts | conflicts/vote | gave up | storage errors | p50 ms | p95 ms | p99 ms | max ms | counter check |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            sb.Append(c, $"| {b.VotesPerSecond} | {b.Committed} | {b.Conflicts412} | {b.ConflictsPerCommittedVote} | {b.GaveUp} | {b.StorageErrors} | {b.Latency.P50Ms} | {b.Latency.P95Ms} | {b.Latency.P99Ms} | {b.Latency.MaxMs} | {b.FinalCounter} vs {b.Committed} {(b.FinalCounter == b.Committed ? "OK" : "MISMATCH")} |\n\n");
            if (r.BaselineCpu is { } bc)
                sb.Append(c, $"CPU during baseline: bench+host process {bc.BenchAndHostCores} cores, Azurite {Fmt(bc.AzuriteCores)} cores.\n\n");
            if (r.Hot is not null)
                sb.Append(c, $"**Ratio ours/baseline (accepted votes/s, hot vs baseline): {Fmt(r.RatioOursOverBaseline)}×** ({r.Hot.AcceptedPerSecond} vs {b.VotesPerSecond} votes/s)\n\n");
        }
        if (r.Spread is not null) Scenario(sb, r.Spread, $"spread: {r.Spread.Polls} polls, random poll per vote");
        if (r.Capped is { } cap)
        {
            sb.Append(c, $"## capped: max_responses={cap.MaxResponses}, {cap.Voters} voters once each, released together\n\n");
            sb.Append(c, $"- Accepted: **{cap.Accepted}** (must be exactly {cap.MaxResponses}) in {cap.ElapsedSeconds} s; final owner total {cap.Drain.FinalTotal}, pending {cap.Drain.FinalPending} → **{(cap.Correct ? "PASS" : "FAIL")}**\n");
            sb.Append(c, $"- Latency ms: p50 {cap.Latency.P50Ms}, p95 {cap.Latency.P95Ms}, p99 {cap.Latency.P99Ms}, max {cap.Latency.MaxMs}\n");
            sb.Append(c, $"- Rejections: {Errors(cap.Errors)}\n");
            sb.Append(c, $"- Drain: {(cap.Drain.TimedOut ? "TIMED OUT after 60 s" : Fmt(cap.Drain.LagMs) + " ms after the burst completed")}\n");
            if (cap.Requests is { } requests) sb.Append(c, $"- Storage: {requests.Describe()} (refused votes cost requests too)\n");
            sb.Append('\n');
        }
        if (r.Take is { } take)
        {
            var logic = take.WithLogic ? " with logic" : "";
            sb.Append(c, $"## take: three-page survey sessions (Take family){logic}, {take.Respondents} respondents, closed loop\n\n");
            sb.Append(c, $"- Finished sessions: **{take.Finished}** of {take.Started} started in {take.ElapsedSeconds} s: **{take.FinishedPerSecond}/s** ({take.CallsPerSecond} calls/s)\n");
            sb.Append(c, $"- Latency per call ms: p50 {take.Latency.P50Ms}, p95 {take.Latency.P95Ms}, p99 {take.Latency.P99Ms}, max {take.Latency.MaxMs}; errors: {Errors(take.Errors)}\n");
            sb.Append(c, $"- Counting lag (last finished session → no unaggregated batch): {(take.LagMs is { } lag ? Fmt(lag) + " ms" : "**TIMED OUT**")}\n");
            sb.Append(c, $"- Correctness: results count {take.CountedSessions} completed sessions vs {take.Finished} finished, {take.PendingSessions} pending → **{(take.Correct ? "PASS" : "FAIL")}**\n");
            sb.Append(c, $"- CPU during load: bench+host process {take.LoadCpu.BenchAndHostCores} cores, Azurite {Fmt(take.LoadCpu.AzuriteCores)} cores\n");
            if (take.Requests is { } requests) sb.Append(c, $"- Storage: {requests.Describe()}\n");
            sb.Append('\n');
        }
        if (r.Export is { } export) ExportReportWriter.Append(sb, export);
        foreach (var n in r.Notes) sb.Append(c, $"- Note: {n}\n");
        return sb.ToString();
    }

    private static void Scenario(StringBuilder sb, ScenarioReport s, string title)
    {
        var c = CultureInfo.InvariantCulture;
        var d = s.Drain;
        sb.Append(c, $"## {title}\n\n");
        sb.Append("| voters | seconds | accepted | accepted/s | attempts/s | p50 ms | p95 ms | p99 ms | max ms | mean ms |\n|---|---|---|---|---|---|---|---|---|---|\n");
        sb.Append(c, $"| {s.Voters} | {s.ElapsedSeconds} | {s.Accepted} | **{s.AcceptedPerSecond}** | {s.AttemptsPerSecond} | {s.Latency.P50Ms} | {s.Latency.P95Ms} | {s.Latency.P99Ms} | {s.Latency.MaxMs} | {s.Latency.MeanMs} |\n\n");
        sb.Append(c, $"- Accepted/s over the first 10 s: {s.HeadAcceptedPerSecond}; over the last 10 s: {s.TailAcceptedPerSecond}\n");
        if (s.SetupSeconds is { } setup) sb.Append(c, $"- Setup: {s.Polls} polls created+published+token in {setup} s\n");
        sb.Append(c, $"- Errors: {Errors(s.Errors)} (transport/ambiguous: {s.TransportErrors})\n");
        var lagDefinition = d.MeasuredOnStorage
            ? "last accepted response → no unaggregated batch row left in storage, 100 ms polling; then every poll's owner results verified"
            : "last accepted response → every poll pending_votes==0 and total==accepted, 100 ms polling";
        sb.Append(c, $"- Aggregation lag ({lagDefinition}): {(d.TimedOut ? $"**TIMED OUT after 60 s**, {d.PollsStillPending} poll(s) not drained" : $"**{Fmt(d.LagMs)} ms**")} ({d.Rounds} polling rounds)\n");
        sb.Append(c, $"- Correctness: final total {d.FinalTotal} vs accepted {d.ExpectedTotal} ({(d.FinalTotal == d.ExpectedTotal ? "equal" : "DIFFERENT")}), pending at end {d.FinalPending}, polls with total≠accepted {d.PollsMismatched}/{d.PollsChecked}, per-option mismatches {d.OptionMismatches} → counts **{(d.Correct ? "PASS" : "FAIL")}**{(d.FinalPending != 0 ? $", but pending_votes still {d.FinalPending} at the end" : "")}\n");
        sb.Append(c, $"- Per option sent vs counted: opt_1 {d.SentPerOption[0]}/{d.CountedPerOption[0]}, opt_2 {d.SentPerOption[1]}/{d.CountedPerOption[1]}, opt_3 {d.SentPerOption[2]}/{d.CountedPerOption[2]}\n");
        sb.Append(c, $"- CPU during load: bench+host process {s.LoadCpu.BenchAndHostCores} cores, Azurite {Fmt(s.LoadCpu.AzuriteCores)} cores; during drain: {s.DrainCpu.BenchAndHostCores} / {Fmt(s.DrainCpu.AzuriteCores)}\n");
        if (s.Requests is { } requests) sb.Append(c, $"- Storage: {requests.Describe()}\n");
        sb.Append('\n');
    }

    private static string Errors(SortedDictionary<string, long> errors)
    {
        if (errors.Count == 0) return "none";
        var sb = new StringBuilder();
        foreach (var (k, v) in errors)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append('`').Append(k).Append("` × ").Append(v.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static string Fmt(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "n/a";

    public static (string Md, string Json) Save(BenchReport r, string markdown)
    {
        var dir = Path.Combine(AzuriteInstance.FindRepoRoot(), "bench", "results");
        Directory.CreateDirectory(dir);
        var stamp = r.StartedUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + (r.Quick ? "-quick" : "");
        var md = Path.Combine(dir, stamp + ".md");
        var json = Path.Combine(dir, stamp + ".json");
        File.WriteAllText(md, markdown);
        File.WriteAllText(json, JsonSerializer.Serialize(r, BenchJson.Options));
        return (md, json);
    }
}
