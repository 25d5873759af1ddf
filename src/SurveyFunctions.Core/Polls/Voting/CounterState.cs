using Azure.Data.Tables;

namespace SurveyFunctions.Core.Polls.Voting;

/// <summary>A poll's counter in one vote partition: voters (<c>N</c>) and votes per option slot (<c>s{slot}</c>).</summary>
internal sealed record CounterState(string PollId, long Voters, IReadOnlyDictionary<string, long> Slots, string? ETag)
{
    public static CounterState Empty(string pollId) => new(pollId, 0, new Dictionary<string, long>(StringComparer.Ordinal), null);

    public static CounterState From(string pollId, TableEntity row)
    {
        var slots = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, value) in row)
        {
            if (key.StartsWith('s') && value is long n)
                slots[key] = n;
        }
        return new CounterState(pollId, row.GetInt64("N") ?? 0, slots, row.ETag.ToString());
    }

    /// <summary>This counter plus one batch's votes for the poll.</summary>
    public CounterState Add(long voters, IReadOnlyDictionary<int, long> slots)
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
        var row = new TableEntity(partition, VoteKeys.CounterRow(PollId)) { ["N"] = Voters };
        foreach (var (key, value) in Slots)
            row[key] = value;
        return row;
    }
}
