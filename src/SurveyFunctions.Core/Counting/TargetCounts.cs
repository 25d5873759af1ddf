namespace SurveyFunctions.Core.Counting;

/// <summary>
/// A counter target's totals: <see cref="Total"/> voters (a poll's voters, a survey question's answers) and votes per slot.
/// <see cref="Pending"/> is how many of those voters are accepted but not yet folded into the counters by the aggregator
/// (0 once it has drained).
/// </summary>
public sealed record TargetCounts(long Total, IReadOnlyDictionary<long, long> PerSlot, long Pending)
{
    public static readonly TargetCounts Empty = new(0, new Dictionary<long, long>(), 0);

    public long CountFor(long slot) => PerSlot.TryGetValue(slot, out var n) ? n : 0;
}
