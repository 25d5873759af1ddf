using System.Globalization;

namespace SurveyFunctions.Bench;

/// <summary>Command line: --scenario hot|spread|capped|take|export|all, --duration S, --warmup S, --voters N, --url U --admin-key
/// K, --storage CONN, --quick, --export-rows N, --export-timeout S.</summary>
internal sealed class BenchOptions
{
    public string Scenario { get; private set; } = "all";
    public int DurationSeconds { get; private set; } = 60;

    /// <summary>
    /// Votes on a separate poll before the hot run. Long enough for the runtime's tiered JIT to finish re-compiling the
    /// hot path (the storage SDK's async code takes 10+ s on 2 shared cores), so the runs compare steady states.
    /// </summary>
    public int WarmupSeconds { get; private set; } = 20;
    public int Voters { get; private set; } = 64;
    public Uri? Url { get; private set; }
    public string? AdminKey { get; private set; }
    public string? StorageConnectionString { get; private set; }
    public bool Quick { get; private set; }
    public bool SkipBaseline { get; private set; }

    /// <summary>Polls without results in the vote's answer (<c>show_results_after_vote: false</c>; on by default, as in the API).</summary>
    public bool NoResultsAfterVote { get; private set; }

    /// <summary>The take scenario's survey with logic (display conditions, branches, piping) that leaves every page and question
    /// on the bench respondents' path, so the two runs differ only by the evaluation.</summary>
    public bool TakeWithLogic { get; private set; }
    public int SpreadPolls { get; private set; } = 1000;
    public int CappedLimit { get; private set; } = 500;

    /// <summary>The in-process host's VoteShards (vote partitions per poll).</summary>
    public int VoteShards { get; private set; } = 4;
    public int CappedExtra { get; private set; } = 200;
    public int BaselineSeconds => DurationSeconds;

    /// <summary>Finished sessions the export scenario seeds and exports.</summary>
    public int ExportRows { get; private set; } = 100_000;

    /// <summary>Each export phase stops after this long, finished or not, so a run is bounded.</summary>
    public int ExportTimeoutSeconds { get; private set; } = 600;

    /// <summary>Azurite with bench/azurite-partition-index.js preloaded: queries that pin one PartitionKey read that partition
    /// through Azurite's index instead of scanning the table, as Azure Table Storage does (same answers).</summary>
    public bool AzuritePartitionIndex { get; private set; }

    /// <summary>The export scenario's host with server GC (the standalone host's default) instead of the Functions worker's workstation GC.</summary>
    public bool ExportServerGc { get; private set; }

    /// <summary>Whether a scenario runs; <c>all</c> leaves out <c>export</c>, which seeds its own data and runs the host in its own process.</summary>
    public bool Runs(string scenario) =>
        (string.Equals(Scenario, "all", StringComparison.Ordinal) && scenario != "export") || string.Equals(Scenario, scenario, StringComparison.Ordinal);

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        var durationGiven = false;
        var warmupGiven = false;
        var pollsGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
            switch (a)
            {
                case "--scenario":
                    o.Scenario = Next().ToLowerInvariant();
                    if (o.Scenario is not ("hot" or "spread" or "capped" or "take" or "export" or "all"))
                        throw new ArgumentException("--scenario must be hot, spread, capped, take, export or all");
                    break;
                case "--duration":
                    o.DurationSeconds = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    durationGiven = true;
                    break;
                case "--voters":
                    o.Voters = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--polls":
                    o.SpreadPolls = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    pollsGiven = true;
                    break;
                case "--vote-shards":
                    o.VoteShards = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--url":
                    o.Url = new Uri(Next(), UriKind.Absolute);
                    break;
                case "--admin-key":
                    o.AdminKey = Next();
                    break;
                case "--storage":
                    o.StorageConnectionString = Next();
                    break;
                case "--warmup":
                    o.WarmupSeconds = int.Parse(Next(), CultureInfo.InvariantCulture);
                    warmupGiven = true;
                    break;
                case "--quick":
                    o.Quick = true;
                    break;
                case "--no-results":
                    o.NoResultsAfterVote = true;
                    break;
                case "--take-logic":
                    o.TakeWithLogic = true;
                    break;
                case "--export-rows":
                    o.ExportRows = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--export-timeout":
                    o.ExportTimeoutSeconds = int.Parse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                    break;
                case "--azurite-partition-index":
                    o.AzuritePartitionIndex = true;
                    break;
                case "--export-server-gc":
                    o.ExportServerGc = true;
                    break;
                case "--no-baseline":
                    o.SkipBaseline = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{a}'. Usage: [--scenario hot|spread|capped|take|export|all] [--duration 60] [--warmup 20] [--voters 64] [--polls 1000] [--vote-shards 8] [--url http://... --admin-key K [--storage CONN]] [--quick] [--no-baseline] [--no-results] [--take-logic] [--export-rows 100000] [--export-timeout 600] [--export-server-gc] [--azurite-partition-index]");
            }
        }
        if (o.Quick)
        {
            if (!durationGiven) o.DurationSeconds = 10;
            if (!pollsGiven) o.SpreadPolls = 200;
            if (!warmupGiven) o.WarmupSeconds = 15;
        }
        if (o.DurationSeconds is < 1 or > 3600) throw new ArgumentException("--duration must be 1..3600");
        if (o.WarmupSeconds is < 0 or > 600) throw new ArgumentException("--warmup must be 0..600");
        if (o.VoteShards is < 1 or > 64) throw new ArgumentException("--vote-shards must be 1..64");
        if (o.Voters is < 1 or > 4096) throw new ArgumentException("--voters must be 1..4096");
        if (o.SpreadPolls is < 1 or > 100_000) throw new ArgumentException("--polls must be 1..100000");
        if (o.ExportRows is < 1 or > 1_000_000) throw new ArgumentException("--export-rows must be 1..1000000");
        if (o.ExportTimeoutSeconds is < 10 or > 3600) throw new ArgumentException("--export-timeout must be 10..3600");
        if (o.Scenario == "export" && o.Url is not null) throw new ArgumentException("--scenario export starts its own host (it measures that process)");
        if (o.Url is not null && string.IsNullOrEmpty(o.AdminKey)) throw new ArgumentException("--url needs --admin-key");
        if (o.Url is not null && !o.Url.IsLoopback) throw new ArgumentException("--url must be a loopback address");
        return o;
    }
}
