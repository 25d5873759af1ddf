using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// A page as the respondent is shown it, the same for every family that shows pages (the Take family, the panelist API):
/// only the questions their path shows, with texts piped (<see cref="Piping"/>), and where the page stands on their path.
/// </summary>
/// <param name="Position">The page's 1-based place on the respondent's path.</param>
/// <param name="PathLength">How many pages the path has, as the answers so far decide it (later answers may change it).</param>
/// <param name="ProgressPercentage">0 on the first page, below 100 on the last (the QuestionPro survey-taking API's meta).</param>
/// <param name="IsFinal">No page follows on the path as it stands: submitting this page may end the session.</param>
/// <param name="PreviousPage">The 0-based page before it on the path; null on the first.</param>
public sealed record ShownPage(IReadOnlyList<QuestionViews.Question> Questions, int Position, int PathLength, int ProgressPercentage,
    bool IsFinal, int? PreviousPage)
{
    public static ShownPage Of(Survey survey, SurveySession session, int page)
    {
        var path = SurveyPath.Walk(survey, session.Answers, session.HiddenFields);
        var language = session.Language ?? survey.DefaultLanguage;
        var questions = path.ShownOn(page)
            .Select(q => QuestionRenderer.Render(q, language, survey.DefaultLanguage, text => Piping.Fill(text, survey, session, language)))
            .ToArray();
        return new ShownPage(questions, Math.Max(path.PositionOf(page), 0) + 1, path.Steps.Count, path.ProgressAt(page), path.NextAfter(page) is null,
            path.PreviousOf(page));
    }
}
