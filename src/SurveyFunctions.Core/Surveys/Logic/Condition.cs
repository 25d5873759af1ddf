using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// A rule over what the respondent has answered and the session's hidden fields: when a question is shown
/// (<see cref="SurveyQuestion.DisplayIf"/>) and where a page leads (<see cref="PageBranch.If"/>). Always JSON data, never text to
/// evaluate: <c>{"question": "…", "op": …}</c>, <c>{"hidden": "…", "op": …}</c>, <c>{"all": […]}</c>, <c>{"any": […]}</c>,
/// <c>{"not": …}</c>. The server decides with it (<see cref="ConditionJson"/> reads and writes the JSON).
/// </summary>
[JsonConverter(typeof(ConditionJsonConverter))]
public abstract record Condition;

/// <summary>A test of the answer to the question <paramref name="Question"/> (its identifier).</summary>
public sealed record AnswerTest(string Question, ConditionOp Op, IReadOnlyList<ConditionValue> Values) : Condition
{
    public bool Equals(AnswerTest? other) =>
        other is not null && Question == other.Question && Op == other.Op && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Question, Op, Values.Count);
}

/// <summary>A test of the hidden field <paramref name="Name"/> the session started with.</summary>
public sealed record HiddenTest(string Name, ConditionOp Op, IReadOnlyList<string> Values) : Condition
{
    public bool Equals(HiddenTest? other) => other is not null && Name == other.Name && Op == other.Op && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => HashCode.Combine(Name, Op, Values.Count);
}

/// <summary><c>all</c> (every part holds) or <c>any</c> (at least one does).</summary>
public sealed record Combined(bool RequiresAll, IReadOnlyList<Condition> Parts) : Condition
{
    public bool Equals(Combined? other) => other is not null && RequiresAll == other.RequiresAll && Parts.SequenceEqual(other.Parts);

    public override int GetHashCode() => HashCode.Combine(RequiresAll, Parts.Count);
}

/// <summary><c>not</c>: holds when <paramref name="Part"/> does not.</summary>
public sealed record Negated(Condition Part) : Condition;

/// <summary>A value a test compares with: a number (an option id, a rating) or a text (an option's client id, a text answer).</summary>
public sealed record ConditionValue(decimal? Number, string? Text)
{
    public static ConditionValue Of(decimal number) => new(number, null);

    public static ConditionValue Of(string text) => new(null, text);
}
