using System.Globalization;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// A stored answer as a person reads it (the Account family's <c>answer</c>, next to the question's title as
/// <c>question</c>): the picked options' labels, the number, or the text. Texts are in <c>language</c> when the survey has
/// it, else in its default language; the Account family passes null, so every session of a survey reads alike (and matches
/// the titles <c>GET …/surveys/{uuid}</c> shows) whatever language it was taken in.
/// </summary>
public static class AnswerText
{
    /// <summary>Between the labels of a multiple choice answer: "Reports, Export".</summary>
    public const string ChoiceSeparator = ", ";

    /// <summary>
    /// Option labels joined with <see cref="ChoiceSeparator"/> in the survey's option order (so the same picks always read
    /// the same, whatever order they were sent in), the number as digits, or the text. An option the survey no longer has
    /// (edited since) shows as its id, after the others, so the answer still says what was picked.
    /// </summary>
    public static string Describe(SessionAnswer answer, Survey survey, string? language)
    {
        if (answer.Text is not null)
            return answer.Text;
        if (answer.Value is { } value)
            return value.ToString(CultureInfo.InvariantCulture);
        var question = survey.FindQuestion(answer.QuestionId);
        var place = (question?.Options ?? []).Select((option, index) => (option.Id, index)).ToDictionary(p => p.Id, p => p.index);
        return string.Join(ChoiceSeparator, answer.OptionIds
            .OrderBy(id => place.GetValueOrDefault(id, int.MaxValue))
            .Select(id => question?.FindOption(id)?.Label.Resolve(language, survey.DefaultLanguage) ?? id.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The question's title in <paramref name="language"/> (null: the default); the stored identifier when
    /// the survey no longer has it.</summary>
    public static string Question(SessionAnswer answer, Survey survey, string? language) =>
        survey.FindQuestion(answer.QuestionId)?.Text.Resolve(language, survey.DefaultLanguage) ?? answer.QuestionIdentifier;
}
