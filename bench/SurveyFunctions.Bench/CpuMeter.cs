using System.Diagnostics;
using System.Globalization;

namespace SurveyFunctions.Bench;

/// <summary>
/// CPU seconds used by this process (generator + in-process host) and by its child processes (Azurite's node),
/// from /proc on Linux. Lets the report say which side burned the two cores. Null elsewhere.
/// </summary>
internal static class CpuMeter
{
    public readonly record struct Sample(double SelfSeconds, double? ChildrenSeconds, long Timestamp);

    public static Sample Take()
    {
        using var self = Process.GetCurrentProcess();
        return new Sample(self.TotalProcessorTime.TotalSeconds, ChildrenCpuSeconds(), Stopwatch.GetTimestamp());
    }

    public static CpuUsage Between(Sample a, Sample b)
    {
        var wall = Stopwatch.GetElapsedTime(a.Timestamp, b.Timestamp).TotalSeconds;
        double? children = a.ChildrenSeconds is { } x && b.ChildrenSeconds is { } y ? y - x : null;
        return new CpuUsage
        {
            WallSeconds = Math.Round(wall, 2),
            BenchAndHostCores = Math.Round((b.SelfSeconds - a.SelfSeconds) / wall, 2),
            AzuriteCores = children is { } c ? Math.Round(c / wall, 2) : null,
        };
    }

    private static double? ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            double total = 0;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                var childrenFile = Path.Combine(task, "children");
                if (!File.Exists(childrenFile)) return null;
                foreach (var pid in File.ReadAllText(childrenFile).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    total += ProcessCpuSeconds(pid);
            }
            return total;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>CPU seconds a process has used (user + system), from /proc/{pid}/stat.</summary>
    public static double ProcessCpuSeconds(string pid)
    {
        var stat = File.ReadAllText("/proc/" + pid + "/stat");
        // Fields after the ")" of the command name: state is field 3; utime 14, stime 15 (1-based).
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        return ticks / 100.0; // USER_HZ is 100 on Linux.
    }
}

internal sealed class CpuUsage
{
    public double WallSeconds { get; init; }
    public double BenchAndHostCores { get; init; }
    public double? AzuriteCores { get; init; }
}
