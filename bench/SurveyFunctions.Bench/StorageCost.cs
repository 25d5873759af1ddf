using System.Diagnostics.Metrics;

using System.Globalization;
using System.Text;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

/// <summary>
/// Storage requests a scenario cost, counted by the host's own clients (<see cref="StorageRequestCounter"/>): from the start
/// of the load until every accepted vote was aggregated (the verification reads after that are left out), per accepted
/// vote or finished session. Unlike times, these do not move with the machine's load.
/// </summary>
internal sealed class StorageCost
{
    public required string Unit { get; init; }
    public long Units { get; init; }

    /// <summary>Requests per kind (batch, point read, …) over load and aggregation.</summary>
    public required SortedDictionary<string, long> ByKind { get; init; }

    /// <summary>Requests per table or queue and kind, e.g. <c>pollvotes query</c>.</summary>
    public required SortedDictionary<string, long> ByResource { get; init; }
    public long Total { get; init; }
    public long DuringLoad { get; init; }
    public double PerUnit { get; init; }

    /// <summary>Vote commit transactions during the scenario and the votes they carried (the group committers' own meter).</summary>
    public long VoteCommits { get; init; }
    public long CommittedVotes { get; init; }
    public double? VotesPerCommit { get; init; }

    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"**{PerUnit} storage requests per {Unit}** ({Total} for {Units}; {DuringLoad} during the load, the rest while draining). By kind:");
        foreach (var (kind, n) in ByKind)
            sb.Append(c, $" {kind} {Ratio(n)}");
        if (VotesPerCommit is { } v)
            sb.Append(c, $". Vote commits: {VoteCommits}, {v} votes per commit");
        sb.Append(". By table/queue:");
        foreach (var (resource, n) in ByResource)
            sb.Append(c, $" `{resource}` {Ratio(n)}");
        return sb.ToString();
    }

    private string Ratio(long n) => Units == 0 ? "n/a" : Math.Round((double)n / Units, 3).ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts what happens from now on: call <see cref="Tracker.LoadEnded"/> and <see cref="Tracker.Finish"/>.</summary>
    public static Tracker? Start(StorageRequestCounter? counter) => counter is null ? null : new Tracker(counter);

    internal sealed class Tracker : IDisposable
    {
        private readonly StorageRequestCounter _counter;
        private readonly IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long> _start;
        private readonly MeterListener _listener = new();
        private IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long>? _loadEnd;
        private IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long>? _drained;
        private long _commits, _committed;

        public Tracker(StorageRequestCounter counter)
        {
            _counter = counter;
            _start = counter.Snapshot();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CountingMetrics.MeterName)
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == CountingMetrics.CommitsName)
                    Interlocked.Add(ref _commits, value);
                else if (instrument.Name == CountingMetrics.CommittedVotesName)
                    Interlocked.Add(ref _committed, value);
            });
            _listener.Start();
        }

        public void LoadEnded() => _loadEnd = _counter.Snapshot();

        /// <summary>Every accepted unit is now aggregated: what follows (verification) is not the scenario's cost.</summary>
        public void Drained()
        {
            _drained ??= _counter.Snapshot();
            _listener.Dispose();
        }

        public StorageCost Finish(string unit, long units)
        {
            Drained();
            var all = StorageRequestCounter.Between(_start, _drained!);
            var load = StorageRequestCounter.Between(_start, _loadEnd ?? _drained!);
            var total = all.Values.Sum();
            return new StorageCost
            {
                Unit = unit,
                Units = units,
                ByKind = new SortedDictionary<string, long>(all.GroupBy(a => a.Key.Kind.ToString()).ToDictionary(g => g.Key, g => g.Sum(a => a.Value)),
                    StringComparer.Ordinal),
                ByResource = new SortedDictionary<string, long>(all.ToDictionary(a => $"{a.Key.Resource} {a.Key.Kind}", a => a.Value), StringComparer.Ordinal),
                Total = total,
                DuringLoad = load.Values.Sum(),
                PerUnit = units == 0 ? 0 : Math.Round((double)total / units, 3),
                VoteCommits = _commits,
                CommittedVotes = _committed,
                VotesPerCommit = _commits == 0 ? null : Math.Round((double)_committed / _commits, 2),
            };
        }

        public void Dispose() => _listener.Dispose();
    }
}
