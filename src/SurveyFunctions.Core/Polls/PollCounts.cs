namespace SurveyFunctions.Core.Polls;

/// <summary>
/// A poll's vote totals: <see cref="Total"/> voters and votes per option slot. <see cref="Pending"/> is how many of those
/// voters are accepted but not yet folded into the counters by the aggregator (0 once it has drained).
/// </summary>
public sealed record PollCounts(long Total, IReadOnlyDictionary<int, long> PerSlot, long Pending)
{
    public static readonly PollCounts Empty = new(0, new Dictionary<int, long>(), 0);

    public long CountFor(int slot) => PerSlot.TryGetValue(slot, out var n) ? n : 0;
}
