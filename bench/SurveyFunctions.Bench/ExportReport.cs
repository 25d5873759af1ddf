using System.Globalization;
using System.Text;

namespace SurveyFunctions.Bench;

/// <summary>The export scenario's figures: the seeding, then each phase (streamed CSV, streamed NDJSON, the job, its download).</summary>
internal sealed class ExportReport
{
    public long Sessions { get; init; }
    public bool HostServerGc { get; init; }
    public int PhaseTimeoutSeconds { get; init; }
    public double SeedSeconds { get; init; }
    public double SeedSessionsPerSecond { get; init; }

    /// <summary>The survey's results' completed_sessions after seeding. The seeder writes the completion tallies, not the survey's
    /// counters, which the aggregator builds from completions taken through the API: this shows 0 for seeded sessions.</summary>
    public long ResultsCompletedSessions { get; init; }

    /// <summary>The job's rows_expected: the survey's finished sessions by its completion tallies, as the host counts them.</summary>
    public long? JobRowsExpected { get; set; }

    /// <summary>The host's resident set before the first phase (after start, tenant and survey setup, idle while the bench seeded).</summary>
    public double HostIdleMb { get; init; }
    public required string LoadAverageBefore { get; init; }
    public string LoadAverageAfter { get; set; } = "";
    public List<ExportPhase> Phases { get; } = [];

    /// <summary>Every phase ran to the end with one row per seeded session, and the host's own count agrees.</summary>
    public bool Correct => JobRowsExpected == Sessions && Phases.Count == 4 && Phases.All(p => p.Correct);

    /// <summary>The highest peak of any phase.</summary>
    public double PeakMb => Phases.Count == 0 ? 0 : Phases.Max(p => p.Memory.PeakMb);
}

internal sealed class ExportPhase
{
    public required string Name { get; init; }
    public long ExpectedRows { get; init; }
    public long Rows { get; init; }
    public long Bytes { get; init; }
    public double? HeadersMs { get; init; }
    public double? FirstByteMs { get; init; }
    public double Seconds { get; init; }
    public double RowsPerSecond => Seconds > 0 ? Math.Round(Rows / Seconds, 0) : 0;
    public bool TimedOut { get; init; }
    public string? Error { get; init; }
    public bool Correct => !TimedOut && Error is null && Rows == ExpectedRows;
    public required MemoryFigures Memory { get; init; }
    public double HostCores { get; init; }
    public double? AzuriteCores { get; init; }
}

internal static class ExportReportWriter
{
    public static void Append(StringBuilder sb, ExportReport e)
    {
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"## export: {e.Sessions:N0} finished sessions, streamed and as a job (host in its own process, {(e.HostServerGc ? "server" : "workstation")} GC)\n\n");
        sb.Append(c, $"- Seeding (entity group transactions straight into Table Storage): {e.SeedSeconds} s, {e.SeedSessionsPerSecond} sessions/s; the job's rows_expected (the host's count of finished sessions) {(e.JobRowsExpected?.ToString(c) ?? "n/a")}; the results' completed_sessions {e.ResultsCompletedSessions} (the seeder writes no counters)\n");
        sb.Append(c, $"- Host resident set before the first phase: {e.HostIdleMb} MB; load average before {e.LoadAverageBefore}, after {e.LoadAverageAfter}; each phase stops after {e.PhaseTimeoutSeconds} s\n");
        sb.Append(c, $"- Rows equal the seeded sessions in every phase, each run to its end → **{(e.Correct ? "PASS" : "FAIL")}**; host peak over all phases **{e.PeakMb} MB**\n\n");
        sb.Append("| phase | rows / expected | bytes | headers ms | first byte ms | seconds | rows/s | host MB before → peak → after | host cores | Azurite cores | host MB over the phase (tenths) |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var p in e.Phases)
        {
            var m = p.Memory;
            var state = p.Error is not null ? " **" + p.Error + "**" : p.TimedOut ? " **stopped: time ran out**" : "";
            sb.Append(c, $"| {p.Name}{state} | {p.Rows} / {p.ExpectedRows} | {p.Bytes:N0} | {Fmt(p.HeadersMs)} | {Fmt(p.FirstByteMs)} | {p.Seconds} | ");
            sb.Append(c, $"**{p.RowsPerSecond}** | {m.BeforeMb} → **{m.PeakMb}** → {m.AfterMb} | {p.HostCores} | {Fmt(p.AzuriteCores)} | ");
            sb.Append(string.Join(' ', m.TimelineMb.Select(v => v.ToString(c)))).Append(" |\n");
        }
        sb.Append("\nPeak: the kernel's VmHWM of the host process, reset at the start of each phase (`/proc/<pid>/clear_refs`), or the highest ");
        sb.Append("VmRSS sampled every 50 ms where that reset is not allowed. The job's phase runs from the POST until the status says ");
        sb.Append("succeeded (polled every 500 ms): its headers column is the time to the 202, its first byte the first status with ");
        sb.Append("`rows_written` above 0 (the job checkpoints a block at a time), its rows and bytes the status's. The download streams the finished file back through the API.\n\n");
    }

    private static string Fmt(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
}
