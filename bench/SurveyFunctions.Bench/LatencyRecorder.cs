using System.Diagnostics;

namespace SurveyFunctions.Bench;

/// <summary>
/// Per-worker latency samples in microseconds (int, growable, no per-sample allocation); merged and sorted once at the end.
/// Exact percentiles rather than HdrHistogram buckets: a 60 s run is at most a few hundred thousand samples.
/// </summary>
internal sealed class LatencyRecorder
{
    private int[] _samples = new int[4096];
    private int _count;

    public int Count => _count;

    public void Record(long startTimestamp, long endTimestamp)
    {
        var us = (endTimestamp - startTimestamp) * 1_000_000 / Stopwatch.Frequency;
        if (_count == _samples.Length)
            Array.Resize(ref _samples, _samples.Length * 2);
        _samples[_count++] = (int)Math.Min(us, int.MaxValue);
    }

    public static LatencyStats Merge(IReadOnlyList<LatencyRecorder> recorders)
    {
        var total = 0;
        foreach (var r in recorders) total += r._count;
        var all = new int[total];
        var at = 0;
        foreach (var r in recorders)
        {
            Array.Copy(r._samples, 0, all, at, r._count);
            at += r._count;
        }
        Array.Sort(all);
        return LatencyStats.FromSorted(all);
    }
}

internal sealed class LatencyStats
{
    public long Count { get; init; }
    public double MeanMs { get; init; }
    public double P50Ms { get; init; }
    public double P95Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }

    public static LatencyStats FromSorted(int[] sortedMicros)
    {
        if (sortedMicros.Length == 0) return new LatencyStats();
        double sum = 0;
        foreach (var v in sortedMicros) sum += v;
        return new LatencyStats
        {
            Count = sortedMicros.Length,
            MeanMs = Math.Round(sum / sortedMicros.Length / 1000.0, 2),
            P50Ms = At(sortedMicros, 0.50),
            P95Ms = At(sortedMicros, 0.95),
            P99Ms = At(sortedMicros, 0.99),
            MaxMs = Math.Round(sortedMicros[^1] / 1000.0, 2),
        };
    }

    // Nearest-rank percentile.
    private static double At(int[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] / 1000.0, 2);
    }
}
