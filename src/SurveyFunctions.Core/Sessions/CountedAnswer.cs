using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// One answer as its question's results count it: one more answer (the question's voters) and one more in each of
/// <see cref="Slots"/> (the options picked, or a rating's value slot; none for a text answer). Answers that count
/// alike are equal whatever their text or time, so changing a
/// comment's wording changes no count.
/// </summary>
public sealed record CountedAnswer(IReadOnlyList<long> Slots)
{
    /// <summary>What <paramref name="answer"/> counts; null for no answer (or one with nothing in it), which counts nothing.</summary>
    public static CountedAnswer? Of(SessionAnswer? answer) => answer switch
    {
        { OptionIds.Count: > 0 } => new CountedAnswer([.. answer.OptionIds.Distinct().Order()]),
        { Value: { } value } => new CountedAnswer([ValueSlot(value)]),
        { Text: not null } => new CountedAnswer([]),
        _ => null,
    };

    /// <summary>The counter slot of a rating's value: values from the lowest any scale allows map to slots 0, 1, …</summary>
    public static long ValueSlot(long value) => value - RatingScale.LowestValue;

    /// <summary>The rating value a counter slot counts.</summary>
    public static long ValueOfSlot(long slot) => slot + RatingScale.LowestValue;

    public bool Equals(CountedAnswer? other) => other is not null && Slots.SequenceEqual(other.Slots);

    public override int GetHashCode() => Slots.Aggregate(Slots.Count, HashCode.Combine);
}
