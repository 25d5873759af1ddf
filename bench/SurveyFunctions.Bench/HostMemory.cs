using System.Diagnostics;
using System.Globalization;

namespace SurveyFunctions.Bench;

/// <summary>
/// The working set of another process (the host), from /proc/&lt;pid&gt;/status: VmRSS sampled every 50 ms while a phase runs,
/// and VmHWM, the kernel's own peak, reset before the phase (writing 5 to /proc/&lt;pid&gt;/clear_refs) so it covers the phase
/// only and no short spike between samples is missed. Linux only.
/// </summary>
internal sealed class HostMemory : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private readonly List<(double Seconds, long Bytes)> _timeline = [];
    private long _peakSampled;

    private HostMemory(int pid, long before, bool peakReset)
    {
        _pid = pid;
        Before = before;
        PeakReset = peakReset;
        _peakSampled = before;
        _sampling = SampleAsync();
    }

    /// <summary>VmRSS when the phase started.</summary>
    public long Before { get; }

    /// <summary>Whether VmHWM was reset for this phase (else it is the process's peak since it started).</summary>
    public bool PeakReset { get; }

    public static HostMemory Start(int pid)
    {
        var reset = TryResetPeak(pid);
        return new HostMemory(pid, Read(pid, "VmRSS:") ?? 0, reset);
    }

    /// <summary>VmRSS now, in bytes (null once the process is gone).</summary>
    public static long? Read(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, NumberStyles.Integer, CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return null;
    }

    /// <summary>Stops sampling; the phase's figures.</summary>
    public async Task<MemoryFigures> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        var after = Read(_pid, "VmRSS:") ?? 0;
        var hwm = Read(_pid, "VmHWM:");
        lock (_timeline)
        {
            return new MemoryFigures
            {
                BeforeMb = Mb(Before),
                PeakSampledMb = Mb(Math.Max(_peakSampled, after)),
                PeakKernelMb = hwm is { } h ? Mb(h) : null,
                PeakKernelCoversPhaseOnly = PeakReset,
                AfterMb = Mb(after),
                // Ten points across the phase: a leak shows as a climb, a flat line with a higher step as the GC's heap size.
                TimelineMb = [.. Enumerable.Range(1, 10).Select(i => _timeline.Count == 0 ? 0 : Mb(_timeline[(_timeline.Count - 1) * i / 10].Bytes))],
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        _stop.Dispose();
    }

    public static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private async Task SampleAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Read(_pid, "VmRSS:") is { } rss)
                {
                    lock (_timeline)
                    {
                        _timeline.Add((Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, rss));
                        _peakSampled = Math.Max(_peakSampled, rss);
                    }
                }
                await Task.Delay(50, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool TryResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>The host's working set over one phase, in MiB.</summary>
internal sealed class MemoryFigures
{
    public double BeforeMb { get; init; }
    public double PeakSampledMb { get; init; }

    /// <summary>VmHWM at the end of the phase: the kernel's peak resident set.</summary>
    public double? PeakKernelMb { get; init; }
    public bool PeakKernelCoversPhaseOnly { get; init; }
    public double AfterMb { get; init; }
    public required double[] TimelineMb { get; init; }

    /// <summary>The phase's peak: the kernel's when it covers the phase only, else the sampled one.</summary>
    public double PeakMb => PeakKernelCoversPhaseOnly && PeakKernelMb is { } k ? Math.Max(k, PeakSampledMb) : PeakSampledMb;
}
