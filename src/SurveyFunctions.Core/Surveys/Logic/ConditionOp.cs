namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>The operators of a <see cref="Condition"/> test. Which fit which question type is <see cref="ConditionOps.For"/>.</summary>
public enum ConditionOp
{
    IncludesAny,
    IncludesAll,
    IncludesNone,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Between,
    Contains,
    In,
    Answered,
    NotAnswered,
}

public static class ConditionOps
{
    private static readonly Dictionary<string, ConditionOp> ByWire = new(StringComparer.Ordinal)
    {
        ["includes_any"] = ConditionOp.IncludesAny,
        ["includes_all"] = ConditionOp.IncludesAll,
        ["includes_none"] = ConditionOp.IncludesNone,
        ["eq"] = ConditionOp.Eq,
        ["ne"] = ConditionOp.Ne,
        ["lt"] = ConditionOp.Lt,
        ["le"] = ConditionOp.Le,
        ["gt"] = ConditionOp.Gt,
        ["ge"] = ConditionOp.Ge,
        ["between"] = ConditionOp.Between,
        ["contains"] = ConditionOp.Contains,
        ["in"] = ConditionOp.In,
        ["answered"] = ConditionOp.Answered,
        ["not_answered"] = ConditionOp.NotAnswered,
    };

    private static readonly Dictionary<ConditionOp, string> ToWireName = ByWire.ToDictionary(p => p.Value, p => p.Key);

    public static string ToWire(this ConditionOp op) => ToWireName[op];

    public static bool TryParse(string? wire, out ConditionOp op) => ByWire.TryGetValue(wire ?? "", out op);

    /// <summary>The operators a test of a question of <paramref name="type"/> may use.</summary>
    public static IReadOnlyList<ConditionOp> For(QuestionType type) =>
        type.IsChoice() ? [ConditionOp.IncludesAny, ConditionOp.IncludesAll, ConditionOp.IncludesNone, ConditionOp.Answered, ConditionOp.NotAnswered]
        : type.IsScale() ? [ConditionOp.Eq, ConditionOp.Ne, ConditionOp.Lt, ConditionOp.Le, ConditionOp.Gt, ConditionOp.Ge, ConditionOp.Between,
            ConditionOp.Answered, ConditionOp.NotAnswered]
        : [ConditionOp.Eq, ConditionOp.Contains, ConditionOp.Answered, ConditionOp.NotAnswered];

    /// <summary>The operators a hidden-field test may use.</summary>
    public static IReadOnlyList<ConditionOp> ForHidden { get; } = [ConditionOp.Eq, ConditionOp.Ne, ConditionOp.In];

    /// <summary>How many values the operator takes: none, exactly one, exactly two (<c>between</c>), or one or more.</summary>
    public static (int Min, int Max) Arity(this ConditionOp op) => op switch
    {
        ConditionOp.Answered or ConditionOp.NotAnswered => (0, 0),
        ConditionOp.Between => (2, 2),
        ConditionOp.IncludesAny or ConditionOp.IncludesAll or ConditionOp.IncludesNone or ConditionOp.In => (1, ConditionJson.MaxValues),
        _ => (1, 1),
    };

    /// <summary>Whether the operator's values are given as a <c>values</c> list (else one <c>value</c>, or none).</summary>
    public static bool TakesList(this ConditionOp op) => op.Arity().Max > 1;
}
