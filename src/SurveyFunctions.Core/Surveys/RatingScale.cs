namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The numbers a rating or NPS question accepts, <paramref name="Min"/> to <paramref name="Max"/> inclusive, with optional
/// labels for some of them (<c>{"1": "Poor", "5": "Great"}</c>). NPS is always 0–10 (<see cref="Nps"/>).
/// </summary>
public sealed record RatingScale(int Min, int Max, IReadOnlyList<KeyValuePair<int, LocalizedText>> Labels)
{
    /// <summary>A rating question without a scale gets 1–5.</summary>
    public static RatingScale DefaultRating { get; } = new(1, 5, []);

    /// <summary>The lowest number any scale may start at (a survey's own scale is checked against these bounds when saved).</summary>
    public const int LowestValue = -100;

    /// <summary>The highest number any scale may end at.</summary>
    public const int HighestValue = 100;

    public static RatingScale Nps { get; } = new(QuestionTypes.NpsMin, QuestionTypes.NpsMax, []);

    public bool Contains(long value) => value >= Min && value <= Max;

    public LocalizedText? LabelFor(int value)
    {
        foreach (var (key, label) in Labels)
        {
            if (key == value)
                return label;
        }
        return null;
    }

    public bool Equals(RatingScale? other) =>
        other is not null && Min == other.Min && Max == other.Max && Labels.SequenceEqual(other.Labels);

    public override int GetHashCode() => HashCode.Combine(Min, Max, Labels.Count);
}
