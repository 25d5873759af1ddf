using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The pure part of taking a whole survey in one request: the given answers merged into what the session holds, each page
/// checked by <see cref="PageValidator"/>, and which pages' stored rows the merge changed.
/// </summary>
public static class WholeSurveyMerge
{
    /// <summary>Each page's answers after the merge, checked; or the problems (unknown and duplicate questions first).</summary>
    public static (IReadOnlyList<PageValidation> Pages, IReadOnlyList<AnswerError> Errors) Validate(Survey survey, SurveySession session,
        IReadOnlyList<PageAnswer> given, string language)
    {
        var errors = new List<AnswerError>();
        var byQuestion = new Dictionary<long, PageAnswer>();
        foreach (var answer in given)
        {
            if (survey.FindQuestion(answer.QuestionId) is null)
                errors.Add(new(answer.QuestionId, AnswerErrorCodes.UnknownQuestion,
                    $"Question {answer.QuestionId} is not a question of this survey."));
            else if (!byQuestion.TryAdd(answer.QuestionId, answer))
                errors.Add(new(answer.QuestionId, AnswerErrorCodes.DuplicateAnswer, $"Question {answer.QuestionId} is answered more than once."));
        }
        var pages = new List<PageValidation>();
        foreach (var page in survey.Pages)
        {
            var answers = page.Questions
                .Select(q => byQuestion.TryGetValue(q.Id, out var answer) ? answer : Stored(q, session.AnswerTo(q.Id)))
                .OfType<PageAnswer>()
                .ToArray();
            var validation = PageValidator.Validate(page, answers, language, survey.DefaultLanguage);
            errors.AddRange(validation.Errors);
            pages.Add(validation);
        }
        return (pages, errors);
    }

    /// <summary>The pages whose stored answers differ after the merge: only their rows are rewritten.</summary>
    public static int[] ChangedPages(IReadOnlyList<SessionAnswer> before, IReadOnlyList<SessionAnswer> after) =>
        before.Select(a => a.PageIndex).Concat(after.Select(a => a.PageIndex)).Distinct()
            .Where(page => !before.Where(a => a.PageIndex == page).SequenceEqual(after.Where(a => a.PageIndex == page)))
            .ToArray();

    /// <summary>A stored answer in the shape it was given, so it is checked again with the rest (the survey may have changed).</summary>
    private static PageAnswer? Stored(SurveyQuestion question, SessionAnswer? answer) =>
        answer is null ? null
        : question.Type.IsChoice() ? new PageAnswer(question.Id, OptionIds: answer.OptionIds)
        : question.Type.IsScale() ? new PageAnswer(question.Id, Value: answer.Value)
        : new PageAnswer(question.Id, Text: answer.Text);
}
