using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Taking.Logic;

/// <summary>
/// Decides a <see cref="Condition"/> over a session's answers and hidden fields. The rules, as the API documents them:
/// <list type="bullet">
/// <item>A comparison (<c>eq</c>, <c>lt</c>, <c>between</c>, <c>contains</c>, <c>includes_any</c>, <c>includes_all</c>, …)
/// never holds for a question left unanswered (or not shown); <c>includes_none</c> does (nothing was picked). Test for
/// absence with <c>not_answered</c>.</item>
/// <item>Options are matched by id (a number) or client id (a string). Text compares ignoring case; <c>eq</c> ignores surrounding
/// whitespace too.</item>
/// <item>Hidden fields compare exactly; <c>ne</c> holds for a field the session did not get.</item>
/// </list>
/// The respondent pages' script mirrors these rules to show and hide questions live; the server's answer is the one that counts.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Holds(Condition condition, Survey survey, IReadOnlyDictionary<long, SessionAnswer> answers,
        IReadOnlyDictionary<string, string> hidden) => condition switch
    {
        Combined { RequiresAll: true } all => all.Parts.All(p => Holds(p, survey, answers, hidden)),
        Combined any => any.Parts.Any(p => Holds(p, survey, answers, hidden)),
        Negated negated => !Holds(negated.Part, survey, answers, hidden),
        HiddenTest test => HiddenHolds(test, hidden.TryGetValue(test.Name, out var value) ? value : null),
        AnswerTest test => survey.FindQuestion(test.Question) is { } question &&
            AnswerHolds(test, question, answers.TryGetValue(question.Id, out var answer) ? answer : null),
        _ => false,
    };

    private static bool HiddenHolds(HiddenTest test, string? value) => test.Op switch
    {
        ConditionOp.Eq => value == test.Values[0],
        ConditionOp.Ne => value != test.Values[0],
        ConditionOp.In => value is not null && test.Values.Contains(value),
        _ => false,
    };

    private static bool AnswerHolds(AnswerTest test, SurveyQuestion question, SessionAnswer? answer)
    {
        switch (test.Op)
        {
            case ConditionOp.Answered:
                return answer is not null;
            case ConditionOp.NotAnswered:
                return answer is null;
            case ConditionOp.IncludesNone:
                return answer is null || !answer.OptionIds.Any(id => test.Values.Any(v => Names(v, question, id)));
        }
        if (answer is null)
            return false;
        if (question.Type.IsChoice())
        {
            return test.Op switch
            {
                ConditionOp.IncludesAny => answer.OptionIds.Any(id => test.Values.Any(v => Names(v, question, id))),
                ConditionOp.IncludesAll => test.Values.All(v => answer.OptionIds.Any(id => Names(v, question, id))),
                _ => false,
            };
        }
        if (question.Type.IsScale())
            return answer.Value is { } number && Compare(test, number);
        var text = answer.Text ?? "";
        return test.Op switch
        {
            ConditionOp.Eq => string.Equals(text.Trim(), test.Values[0].Text?.Trim(), StringComparison.OrdinalIgnoreCase),
            ConditionOp.Contains => text.Contains(test.Values[0].Text ?? "", StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static bool Compare(AnswerTest test, long value)
    {
        var first = test.Values[0].Number ?? 0;
        return test.Op switch
        {
            ConditionOp.Eq => value == first,
            ConditionOp.Ne => value != first,
            ConditionOp.Lt => value < first,
            ConditionOp.Le => value <= first,
            ConditionOp.Gt => value > first,
            ConditionOp.Ge => value >= first,
            ConditionOp.Between => value >= first && value <= (test.Values[1].Number ?? 0),
            _ => false,
        };
    }

    /// <summary>Whether the condition's <paramref name="value"/> names option <paramref name="optionId"/>: by id, or by client id.</summary>
    private static bool Names(ConditionValue value, SurveyQuestion question, long optionId) =>
        value.Number is { } number ? number == optionId : question.FindOption(optionId)?.ClientId is { } clientId && clientId == value.Text;
}
