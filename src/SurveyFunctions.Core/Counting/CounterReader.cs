using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// One partition's part of a read: when its query started and finished (monotonic timestamps) and the batches it saw still
/// pending, which is how a voter's answer tells whether its own vote is in the counts (<c>PollTally.ReadIncludingAsync</c>).
/// </summary>
public sealed record PartitionReading(long StartedAt, long CompletedAt, IReadOnlySet<string> PendingBatches);

/// <summary>
/// Reads counter targets' counts: per vote partition, one range query returns the targets' counters and their pending
/// batch rows, so each sum holds every accepted vote whether or not the aggregator has run. One poll is the range of its
/// own key; a survey's targets share a key prefix, so all its questions are one query per partition.
/// </summary>
public static class CounterReader
{
    /// <summary>Every target with a counter or pending row in <c>p|…</c> row keys from <paramref name="from"/>
    /// (inclusive) to <paramref name="to"/>.</summary>
    public static async Task<Dictionary<string,
        TargetCounts>> ReadAsync(TableClient votes, IEnumerable<int> partitions, string from, string to, CancellationToken ct) =>
        (await ReadWithPartitionsAsync(votes, partitions, from, to, ct).ConfigureAwait(false)).Counts;

    /// <summary>The counts, and what each partition's query saw when (keyed by partition index).</summary>
    public static async Task<(Dictionary<string, TargetCounts> Counts, Dictionary<int, PartitionReading> Partitions)> ReadWithPartitionsAsync(
        TableClient votes, IEnumerable<int> partitions, string from, string to, CancellationToken ct)
    {
        var parts = await Task.WhenAll(partitions.Select(i => ReadPartitionAsync(votes, i, from, to, ct))).ConfigureAwait(false);
        var totals = new Dictionary<string, Sum>(StringComparer.Ordinal);
        foreach (var (_, _, part) in parts)
        {
            foreach (var (key, sum) in part)
            {
                if (totals.TryGetValue(key, out var total))
                    total.Add(sum);
                else
                    totals[key] = sum;
            }
        }
        return (totals.ToDictionary(t => t.Key, t => t.Value.ToCounts(), StringComparer.Ordinal),
            parts.ToDictionary(p => p.Index, p => p.Reading));
    }

    private static async Task<(int Index, PartitionReading Reading, Dictionary<string, Sum> Sums)> ReadPartitionAsync(TableClient votes,
        int index, string from, string to, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {VoteKeys.Partition(index)} and RowKey ge {from} and RowKey lt {to}");
        var sums = new Dictionary<string, Sum>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        await foreach (var row in votes.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            var (key, kind) = VoteKeys.ParseTargetRow(row.RowKey);
            if (kind is not ('c' or 'o'))
                continue; // a capped poll's admission tally, not a count
            if (!sums.TryGetValue(key, out var sum))
                sums[key] = sum = new Sum();
            sum.AddRow(row, pending: kind == 'o');
            if (kind == 'o')
                pending.Add(row.RowKey[VoteKeys.OutboxRow(key, "").Length..]);
        }
        return (index, new PartitionReading(started, Stopwatch.GetTimestamp(), pending), sums);
    }

    /// <summary>Running totals of one target.</summary>
    private sealed class Sum
    {
        private readonly Dictionary<long, long> _slots = [];
        private long _voters;
        private long _pending;

        public void AddRow(TableEntity row, bool pending)
        {
            var n = row.GetInt64("N") ?? 0;
            _voters += n;
            if (pending)
                _pending += n;
            foreach (var (column, value) in row)
            {
                if (column.Length > 1 && column[0] == 's' && value is long count && long.TryParse(column.AsSpan(1), NumberStyles.None,
                    CultureInfo.InvariantCulture, out var slot))
                    _slots[slot] = _slots.GetValueOrDefault(slot) + count;
            }
        }

        public void Add(Sum other)
        {
            _voters += other._voters;
            _pending += other._pending;
            foreach (var (slot, n) in other._slots)
                _slots[slot] = _slots.GetValueOrDefault(slot) + n;
        }

        public TargetCounts ToCounts() => new(_voters, _slots, _pending);
    }
}
