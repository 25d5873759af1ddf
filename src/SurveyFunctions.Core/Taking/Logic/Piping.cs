using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Taking.Logic;

/// <summary>
/// Fills a text's placeholders for one session: <c>{{identifier}}</c> with the answer given to that (earlier) question, read as
/// the Account family reads answers (<see cref="AnswerText.Describe"/>), and <c>{{hidden.name}}</c> with the session's hidden
/// field. A placeholder with nothing to fill (a question left unanswered) becomes empty. The result is plain text: every
/// renderer escapes it like any other text of the survey.
/// </summary>
public static class Piping
{
    public static string Fill(string text, Survey survey, SurveySession session, string language) =>
        PipingTokens.Replace(text, token => token.IsHidden
            ? session.HiddenFields.GetValueOrDefault(token.Target)
            : survey.FindQuestion(token.Target) is { } question && session.AnswerTo(question.Id) is { } answer
                ? AnswerText.Describe(answer, survey, language)
                : null);
}
