using System.Globalization;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>The checked page: its answers when <see cref="Errors"/> is empty, and whether a picked option disqualifies.</summary>
public sealed record PageValidation(IReadOnlyList<ValidAnswer> Answers, IReadOnlyList<AnswerError> Errors, bool Disqualifies)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a page's answers against its questions: every answer must be for a question on the page, once, in that question's
/// shape (options that exist, at most one for single-pick types; a whole number on the scale; text within bounds), and every
/// required question must be answered. A question the respondent is not shown (its display condition does not hold) takes
/// no answer and is not required. Empty answers (no options, blank text) count as left empty. Pure: every family
/// that takes answers uses it, and it is unit-tested on its own.
/// </summary>
public static class PageValidator
{
    /// <summary>The longest text answer kept (characters); longer is refused rather than cut.</summary>
    public const int MaxTextLength = 5000;

    /// <param name="notShown">The page's questions this respondent is not shown (see <see cref="Logic.SurveyPath"/>); none when null.</param>
    public static PageValidation Validate(SurveyPage page, IReadOnlyList<PageAnswer> answers, string? language, string defaultLanguage,
        IReadOnlySet<long>? notShown = null)
    {
        var errors = new List<AnswerError>();
        var valid = new List<ValidAnswer>();
        var seen = new HashSet<long>();
        var disqualifies = false;
        foreach (var answer in answers)
        {
            var question = page.Questions.FirstOrDefault(q => q.Id == answer.QuestionId);
            if (question is null)
            {
                errors.Add(new(answer.QuestionId, AnswerErrorCodes.UnknownQuestion, $"Question {Id(answer.QuestionId)} is not on this page."));
                continue;
            }
            if (notShown?.Contains(question.Id) == true && !answer.IsEmpty)
            {
                errors.Add(new(question.Id, AnswerErrorCodes.NotShown,
                    $"Question {Id(question.Id)} is not shown to this respondent (its display condition does not hold), so it takes no answer."));
                continue;
            }
            if (!seen.Add(question.Id))
            {
                errors.Add(new(question.Id, AnswerErrorCodes.DuplicateAnswer, $"Question {Id(question.Id)} is answered more than once."));
                continue;
            }
            if (notShown?.Contains(question.Id) == true)
                continue; // a skip of a question not shown: nothing to keep
            var checkedAnswer = Check(question, answer);
            if (!checkedAnswer.IsSuccess)
            {
                errors.Add(new(question.Id, checkedAnswer.Error.Code, checkedAnswer.Error.Message));
                continue;
            }
            if (checkedAnswer.Value is not { } result)
                continue; // left empty
            valid.Add(result);
            disqualifies |= result.OptionIds.Any(id => question.FindOption(id)?.Disqualify == true);
        }
        foreach (var question in page.Questions.Where(q => q.Required && notShown?.Contains(q.Id) != true && valid.All(a => a.Question.Id != q.Id)))
        {
            if (errors.All(e => e.QuestionId != question.Id))
                errors.Add(new(question.Id, AnswerErrorCodes.Required,
                    $"\"{Shorten(question.Text.Resolve(language, defaultLanguage))}\" requires an answer."));
        }
        errors.Sort((a, b) => PositionOf(page, a.QuestionId).CompareTo(PositionOf(page, b.QuestionId)));
        return new PageValidation(valid, errors, disqualifies && errors.Count == 0);
    }

    /// <summary>The answer in the question's shape; null (success) when it was left empty; an error naming the problem.</summary>
    private static Outcome<ValidAnswer?> Check(SurveyQuestion question, PageAnswer answer)
    {
        var shapes = (answer.OptionIds is not null ? 1 : 0) + (answer.Value is not null ? 1 : 0) + (answer.Text is not null ? 1 : 0);
        var expected = question.Type.IsChoice() ? "answerIDs" : question.Type.IsScale() ? "a numeric value" : "text";
        var wrongShape = new ApiError(ErrorKind.BadRequest, AnswerErrorCodes.WrongAnswerType,
            $"Question {Id(question.Id)} is {question.Type.ToWire()}: answer it with {expected} only.");
        if (shapes > 1)
            return wrongShape;
        if (shapes == 0)
            return (ValidAnswer?)null;

        if (question.Type.IsChoice())
        {
            if (answer.OptionIds is not { } ids)
                return wrongShape;
            if (ids.Count == 0)
                return (ValidAnswer?)null;
            foreach (var id in ids)
            {
                if (question.FindOption(id) is null)
                    return Error(AnswerErrorCodes.UnknownOption, $"Option {Id(id)} is not an answer of question {Id(question.Id)}.");
            }
            if (ids.Distinct().Count() != ids.Count)
                return Error(AnswerErrorCodes.DuplicateOption, $"An option of question {Id(question.Id)} is picked more than once.");
            if (question.Type.IsSinglePick() && ids.Count > 1)
                return Error(AnswerErrorCodes.TooManyChoices, $"Question {Id(question.Id)} takes one answer; {ids.Count} were picked.");
            return new ValidAnswer(question, ids.ToArray(), null, null);
        }

        if (question.Type.IsScale())
        {
            if (answer.Value is not { } value)
                return wrongShape;
            var scale = question.Scale ?? (question.Type == QuestionType.Nps ? RatingScale.Nps : RatingScale.DefaultRating);
            if (value != decimal.Truncate(value))
                return Error(AnswerErrorCodes.NotWholeNumber, $"Question {Id(question.Id)} takes a whole number from {scale.Min} to {scale.Max}.");
            if (value < scale.Min || value > scale.Max)
                return Error(AnswerErrorCodes.OutOfRange,
                    $"Question {Id(question.Id)} takes a number from {scale.Min} to {scale.Max}; {value.ToString(CultureInfo.InvariantCulture)} is " +
                    "outside it.");
            return new ValidAnswer(question, [], (long)value, null);
        }

        if (answer.Text is not { } text)
            return wrongShape;
        if (text.Trim().Length == 0)
            return (ValidAnswer?)null;
        if (text.Length > MaxTextLength)
            return Error(AnswerErrorCodes.TooLong,
                $"The answer to question {Id(question.Id)} is {text.Length} characters; at most {MaxTextLength} are kept.");
        if (JsonFields.HasControlCharacters(text))
            return Error(AnswerErrorCodes.InvalidText,
                $"The answer to question {Id(question.Id)} contains control characters (such as U+0000); tabs and line breaks are fine.");
        return new ValidAnswer(question, [], null, text);
    }

    private static ApiError Error(string code, string message) => new(ErrorKind.BadRequest, code, message);

    private static int PositionOf(SurveyPage page, long? questionId)
    {
        for (var i = 0; i < page.Questions.Count; i++)
        {
            if (page.Questions[i].Id == questionId)
                return i;
        }
        return int.MaxValue;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
