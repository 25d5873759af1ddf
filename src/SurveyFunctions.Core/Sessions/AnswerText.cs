using System.Globalization;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// A stored answer as a person reads it (the Account family's <c>answer</c>, next to the question's title as
/// <c>question</c>): the picked options' labels, the number, or the text, in the session's language.
/// </summary>
public static class AnswerText
{
    /// <summary>
    /// Option labels joined with ", " (in the order picked), the number as digits, or the text. An option the survey no longer
    /// has (edited since) shows as its id, so the answer still says what was picked.
    /// </summary>
    public static string Describe(SessionAnswer answer, Survey survey, string? language)
    {
        if (answer.Text is not null)
            return answer.Text;
        if (answer.Value is { } value)
            return value.ToString(CultureInfo.InvariantCulture);
        var question = survey.FindQuestion(answer.QuestionId);
        return string.Join(", ", answer.OptionIds.Select(id =>
            question?.FindOption(id)?.Label.Resolve(language, survey.DefaultLanguage) ?? id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The question's title in the session's language; the stored identifier when the survey no longer has it.</summary>
    public static string Question(SessionAnswer answer, Survey survey, string? language) =>
        survey.FindQuestion(answer.QuestionId)?.Text.Resolve(language, survey.DefaultLanguage) ?? answer.QuestionIdentifier;
}
