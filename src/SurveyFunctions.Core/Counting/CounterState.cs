using Azure.Data.Tables;

namespace SurveyFunctions.Core.Counting;

/// <summary>A counter target's counter in one vote partition: voters (<c>N</c>) and votes per slot (<c>s{slot}</c>).</summary>
internal sealed record CounterState(string TargetKey, long Voters, IReadOnlyDictionary<string, long> Slots, string? ETag)
{
    public static CounterState Empty(string targetKey) => new(targetKey, 0, new Dictionary<string, long>(StringComparer.Ordinal), null);

    public static CounterState From(string targetKey, TableEntity row)
    {
        var slots = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in row)
        {
            if (key.StartsWith('s') && value is long n)
                slots[key] = n;
        }
        return new CounterState(targetKey, row.GetInt64("N") ?? 0, slots, row.ETag.ToString());
    }

    /// <summary>This counter plus one batch's votes for the target (deltas: a survey answer taken back is negative).</summary>
    public CounterState Add(long voters, IReadOnlyDictionary<long, long> slots)
    {
        var merged = new Dictionary<string, long>(Slots, StringComparer.Ordinal);
        foreach (var (slot, n) in slots)
        {
            var column = VoteKeys.SlotColumn(slot);
            merged[column] = merged.GetValueOrDefault(column) + n;
        }
        return this with { Voters = Voters + voters, Slots = merged };
    }

    public TableEntity ToEntity(string partition)
    {
        var row = new TableEntity(partition, VoteKeys.CounterRow(TargetKey)) { ["N"] = Voters };
        foreach (var (key, value) in Slots)
            row[key] = value;
        return row;
    }
}
