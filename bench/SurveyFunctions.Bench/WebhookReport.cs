using System.Globalization;
using System.Text;

namespace SurveyFunctions.Bench;

/// <summary>The webhooks scenario's figures: the vote path with and without an endpoint, and the responses' deliveries.</summary>
internal sealed class WebhookReport
{
    /// <summary>Hot runs with the tenant's endpoint disabled and enabled, alternating (first without).</summary>
    public required List<ScenarioReport> NoEndpoint { get; init; }
    public required List<ScenarioReport> OneEndpoint { get; init; }
    public int Respondents { get; init; }
    public long SessionsFinished { get; init; }
    public required SortedDictionary<string, long> SessionErrors { get; init; }

    /// <summary>Distinct <c>response.completed</c> events the receiver got (by <c>webhook-id</c>).</summary>
    public long CompletedDelivered { get; init; }
    public long PollResultsDelivered { get; init; }

    /// <summary>Every delivery that arrived, of any type, duplicates included.</summary>
    public long Arrivals { get; init; }
    public long Duplicates { get; init; }

    /// <summary>From each response's commit (its event's occurred_at) to its first delivery's arrival at the receiver.</summary>
    public required LatencyStats CommitToDelivery { get; init; }
    public double WaitedSeconds { get; init; }
    public StorageCost? Requests { get; init; }

    public long Lost => Math.Max(0, SessionsFinished - CompletedDelivered);

    public bool Correct => Lost == 0 && CompletedDelivered == SessionsFinished && NoEndpoint.Concat(OneEndpoint).All(s => s.Drain.Correct);
}

internal static class WebhookReportWriter
{
    public static void Append(StringBuilder sb, WebhookReport w)
    {
        var c = CultureInfo.InvariantCulture;
        sb.Append("## webhooks: the vote path with and without an endpoint, and responses delivered to one endpoint\n\n");
        sb.Append("| vote path | accepted/s | p50 ms | p99 ms | storage requests per vote | counts |\n|---|---|---|---|---|---|\n");
        foreach (var s in w.NoEndpoint.Zip(w.OneEndpoint).SelectMany(p => new[] { p.First, p.Second }))
        {
            sb.Append(c, $"| {s.Name} | **{s.AcceptedPerSecond}** | {s.Latency.P50Ms} | {s.Latency.P99Ms} | ");
            sb.Append(c, $"{(s.Requests is { } r ? r.PerUnit.ToString(c) : "n/a")} | {(s.Drain.Correct ? "PASS" : "FAIL")} |\n");
        }
        var d = w.CommitToDelivery;
        sb.Append(c, $"\n- Sessions finished by {w.Respondents} respondents: {w.SessionsFinished} (errors: {w.SessionErrors.Count}); ");
        sb.Append(c, $"`response.completed` delivered: **{w.CompletedDelivered}**, lost: **{w.Lost}**; `poll.results` delivered: {w.PollResultsDelivered}; ");
        sb.Append(c, $"arrivals {w.Arrivals}, duplicates by `webhook-id` {w.Duplicates} → **{(w.Correct ? "PASS" : "FAIL")}**\n");
        sb.Append(c, $"- Commit → first delivery arrival ms: p50 **{d.P50Ms}**, p95 {d.P95Ms}, p99 **{d.P99Ms}**, max {d.MaxMs} ");
        sb.Append(c, $"({d.Count} deliveries; waited {w.WaitedSeconds} s after the load for the last)\n");
        if (w.Requests is { } requests) sb.Append(c, $"- Storage, sessions and their deliveries: {requests.Describe()}\n");
        sb.Append('\n');
    }
}
