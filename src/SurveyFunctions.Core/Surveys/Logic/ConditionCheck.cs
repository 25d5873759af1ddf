using System.Globalization;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// Whether a condition fits its survey: every question it names exists and comes early enough (up to a last page),
/// every operator fits its question's type, every value its question (an option of that question; a number for a scale; a
/// text for a text question), every hidden field is declared. The first problem is a <c>validation_error</c> naming its path.
/// </summary>
internal static class ConditionCheck
{
    /// <param name="lastPage">The last page whose questions the condition may test (0-based); -1 allows none.</param>
    /// <param name="placement">How the refusal explains the limit, e.g. "a display condition may only test questions of earlier pages".</param>
    public static ApiError? Check(Condition condition, Survey survey, int lastPage, string path, string placement) => condition switch
    {
        Combined combined => combined.Parts
            .Select((part, i) => Check(part, survey, lastPage, $"{path}.{(combined.RequiresAll ? "all" : "any")}[{i}]", placement))
            .FirstOrDefault(e => e is not null),
        Negated negated => Check(negated.Part, survey, lastPage, $"{path}.not", placement),
        HiddenTest hidden when !survey.HiddenFields.Contains(hidden.Name) => ApiError.BadRequest(
            $"'{path}.hidden' names \"{hidden.Name}\", which is not one of the survey's hidden_fields.", $"{path}.hidden"),
        HiddenTest hidden when !ConditionOps.ForHidden.Contains(hidden.Op) => ApiError.BadRequest(
            $"'{path}.op' {hidden.Op.ToWire()} does not apply to a hidden field; use eq, ne or in.", $"{path}.op"),
        AnswerTest test => CheckTest(test, survey, lastPage, path, placement),
        _ => null,
    };

    private static ApiError? CheckTest(AnswerTest test, Survey survey, int lastPage, string path, string placement)
    {
        var question = survey.FindQuestion(test.Question);
        if (question is null)
            return ApiError.BadRequest($"'{path}.question' names \"{test.Question}\", which is no question of this survey.", $"{path}.question");
        var page = survey.PageIndexOf(question.Id);
        if (page > lastPage)
            return ApiError.BadRequest($"'{path}.question' names \"{test.Question}\" on page {page + 1}: {placement}.", $"{path}.question");
        var fitting = ConditionOps.For(question.Type);
        if (!fitting.Contains(test.Op))
            return ApiError.BadRequest($"'{path}.op' {test.Op.ToWire()} does not fit the {question.Type.ToWire()} question \"{test.Question}\"; " +
                $"use one of {string.Join(", ", fitting.Select(o => o.ToWire()))}.", $"{path}.op");
        for (var i = 0; i < test.Values.Count; i++)
        {
            var valuePath = test.Op.TakesList() ? $"{path}.values[{i}]" : $"{path}.value";
            if (CheckValue(test.Values[i], question, valuePath) is { } error)
                return error;
        }
        return null;
    }

    private static ApiError? CheckValue(ConditionValue value, SurveyQuestion question, string path)
    {
        if (question.Type.IsChoice())
        {
            var names = value.Number is { } id ? question.Options.Any(o => o.Id == id) : question.Options.Any(o => o.ClientId == value.Text);
            return names ? null : ApiError.BadRequest(
                $"'{path}' {Show(value)} is not an option of \"{question.Identifier}\" (give an option's id or its client id).", path);
        }
        if (question.Type.IsScale())
            return value.Number is null
                ? ApiError.BadRequest($"'{path}' must be a number: \"{question.Identifier}\" is answered on a scale.", path)
                : null;
        return value.Text is null ? ApiError.BadRequest($"'{path}' must be a string: \"{question.Identifier}\" is answered with text.", path) : null;
    }

    private static string Show(ConditionValue value) =>
        value.Number is { } number ? number.ToString(CultureInfo.InvariantCulture) : $"\"{value.Text}\"";
}
