namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>Whether a condition can hold, as far as the survey alone tells: never, always, or it depends on the answers.</summary>
public enum Reach
{
    Never,
    Depends,
    Always,
}

/// <summary>
/// Decides <see cref="Reach"/> from the survey alone, so saving refuses logic that can never apply (a question no respondent
/// can see, a page no path leads to). Tests that no answer can satisfy are found (two options of a single-choice question at
/// once, a rating outside the scale, an empty range); combinators follow from their parts. A test is never "always" by
/// itself: whether the respondent answers is theirs to decide.
/// </summary>
public static class ConditionReach
{
    public static Reach Of(Condition condition, Survey survey) => condition switch
    {
        Negated negated => Of(negated.Part, survey) switch { Reach.Never => Reach.Always, Reach.Always => Reach.Never, _ => Reach.Depends },
        Combined { RequiresAll: true } all => Combine(all.Parts.Select(p => Of(p, survey)).ToArray(), Reach.Never, Reach.Always),
        Combined any => Combine(any.Parts.Select(p => Of(p, survey)).ToArray(), Reach.Always, Reach.Never),
        AnswerTest test when survey.FindQuestion(test.Question) is { } question => OfTest(test, question),
        _ => Reach.Depends,
    };

    /// <summary><paramref name="decisive"/> if any part is; <paramref name="unanimous"/> if every part is; else it depends.</summary>
    private static Reach Combine(Reach[] parts, Reach decisive, Reach unanimous) =>
        parts.Contains(decisive) ? decisive : parts.All(p => p == unanimous) ? unanimous : Reach.Depends;

    private static Reach OfTest(AnswerTest test, SurveyQuestion question)
    {
        if (question.Type.IsChoice())
            return test.Op == ConditionOp.IncludesAll && question.Type.IsSinglePick() && test.Values.Distinct().Count() > 1
                ? Reach.Never
                : Reach.Depends;
        if (!question.Type.IsScale())
            return Reach.Depends;
        var scale = question.Scale ?? (question.Type == QuestionType.Nps ? RatingScale.Nps : RatingScale.DefaultRating);
        var numbers = test.Values.Select(v => v.Number ?? 0).ToArray();
        var (low, high) = test.Op switch
        {
            ConditionOp.Eq => (numbers[0], numbers[0]),
            ConditionOp.Lt => (decimal.MinValue, Math.Ceiling(numbers[0]) - 1),
            ConditionOp.Le => (decimal.MinValue, numbers[0]),
            ConditionOp.Gt => (Math.Floor(numbers[0]) + 1, decimal.MaxValue),
            ConditionOp.Ge => (numbers[0], decimal.MaxValue),
            ConditionOp.Between => (numbers[0], numbers[1]),
            _ => (scale.Min, (decimal)scale.Max),
        };
        // Answers are whole numbers on the scale: the test holds for some answer when its range meets the scale's.
        var from = Math.Max(Math.Ceiling(low), scale.Min);
        var to = Math.Min(Math.Floor(high), scale.Max);
        return from <= to ? Reach.Depends : Reach.Never;
    }
}
