using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking.Logic;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The pure part of taking a whole survey in one request: the given answers merged into what the session holds, then the
/// respondent's path walked (<see cref="SurveyPath"/>) with each page it reaches checked by <see cref="PageValidator"/> against
/// the questions shown there. A stored answer the new path no longer passes is dropped; an answer given now to a question the
/// path does not show is refused.
/// </summary>
public static class WholeSurveyMerge
{
    /// <summary>Each page's answers after the merge, checked (pages off the path: none), and the path they take; or the
    /// problems (unknown and duplicate questions first).</summary>
    public static (IReadOnlyList<PageValidation> Pages, SurveyPath Path, IReadOnlyList<AnswerError> Errors) Validate(Survey survey,
        SurveySession session, IReadOnlyList<PageAnswer> given, string language)
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
        var pages = survey.Pages.Select(_ => new PageValidation([], [], false)).ToArray();
        var path = SurveyPath.Walk(survey, session.HiddenFields, (index, shown) =>
        {
            var page = survey.Pages[index];
            var notShown = page.Questions.Where(q => !shown.Contains(q)).Select(q => q.Id).ToHashSet();
            // Given now: checked (an answer to a question not shown is refused). Stored: kept only while its question is shown.
            var answers = page.Questions
                .Select(q => byQuestion.TryGetValue(q.Id, out var answer) ? answer
                    : notShown.Contains(q.Id) ? null
                    : Stored(q, session.AnswerTo(q.Id)))
                .OfType<PageAnswer>()
                .ToArray();
            var validation = PageValidator.Validate(page, answers, language, survey.DefaultLanguage, notShown);
            errors.AddRange(validation.Errors);
            pages[index] = validation;
            return validation.Answers.Select(a => a.ToStored(0, index, DateTimeOffset.MinValue));
        });
        // Answers given now to pages the path skips: those questions are not shown either.
        var visited = path.Steps.Select(s => s.Page).ToHashSet();
        foreach (var answer in byQuestion.Values.Where(a => !a.IsEmpty && !visited.Contains(survey.PageIndexOf(a.QuestionId))))
            errors.Add(new(answer.QuestionId, AnswerErrorCodes.NotShown,
                $"Question {answer.QuestionId} is on a page this respondent's answers skip, so it takes no answer."));
        return (pages, path, errors);
    }

    /// <summary>A stored answer in the shape it was given, so it is checked again with the rest (the survey may have changed).</summary>
    private static PageAnswer? Stored(SurveyQuestion question, SessionAnswer? answer) =>
        answer is null ? null
        : question.Type.IsChoice() ? new PageAnswer(question.Id, OptionIds: answer.OptionIds)
        : question.Type.IsScale() ? new PageAnswer(question.Id, Value: answer.Value)
        : new PageAnswer(question.Id, Text: answer.Text);
}
