using System.Globalization;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// A stored answer as a person reads it (the Account seed's <c>answer</c> and <c>question</c>), always a string and always in
/// the survey's default language, whatever language the session was taken in, so that answers from every session of a
/// survey read alike and match the titles <c>GET …/surveys/{uuid}</c> shows:
/// <list type="bullet">
/// <item>choice types: the picked options' labels in the survey's option order, joined by <see cref="ChoiceSeparator"/>;</item>
/// <item>rating and NPS: the number, in invariant digits ("4");</item>
/// <item>text: the text as given.</item>
/// </list>
/// The survey may have been edited since: an answer names its question by id, so a question or option that has since been
/// removed reads as what is left of it: the question's identifier for its title, an option's id for its label.
/// </summary>
public static class AnswerText
{
    /// <summary>Between the labels of a multiple choice answer: "Reports, Export".</summary>
    public const string ChoiceSeparator = ", ";

    /// <summary>The question's title in the survey's default language; its identifier when the question was removed.</summary>
    public static string Question(Survey survey, SessionAnswer answer) =>
        survey.FindQuestion(answer.QuestionId) is { } question ? question.Text.Resolve(null, survey.DefaultLanguage) : answer.QuestionIdentifier;

    public static string Answer(Survey survey, SessionAnswer answer)
    {
        if (answer.Text is { } text)
            return text;
        if (answer.Value is { } value)
            return value.ToString(CultureInfo.InvariantCulture);
        var question = survey.FindQuestion(answer.QuestionId);
        var labels = answer.OptionIds
            .Select(id => (Position: IndexOf(question, id), Label: question?.FindOption(id)?.Label.Resolve(null, survey.DefaultLanguage) ?? id.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(o => o.Position)
            .Select(o => o.Label);
        return string.Join(ChoiceSeparator, labels);
    }

    /// <summary>The option's place in the question (removed options last, in the order given).</summary>
    private static int IndexOf(SurveyQuestion? question, long optionId)
    {
        for (var i = 0; question is not null && i < question.Options.Count; i++)
        {
            if (question.Options[i].Id == optionId)
                return i;
        }
        return int.MaxValue;
    }
}
