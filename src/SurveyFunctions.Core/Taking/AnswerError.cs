namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Why one submitted answer (or a required question left empty) was refused. <see cref="QuestionId"/> is null for errors
/// that belong to no question (the language choice). The page is stored only when it has none.
/// </summary>
public sealed record AnswerError(long? QuestionId, string Code, string Message);

/// <summary>The codes of <see cref="AnswerError"/>, as the Take family shows them in <c>validationErrors[].code</c>.</summary>
public static class AnswerErrorCodes
{
    public const string Required = "required";
    public const string UnknownQuestion = "unknown_question";
    public const string DuplicateAnswer = "duplicate_answer";
    public const string WrongAnswerType = "wrong_answer_type";
    public const string UnknownOption = "unknown_option";
    public const string DuplicateOption = "duplicate_option";
    public const string TooManyChoices = "too_many_choices";
    public const string OutOfRange = "out_of_range";
    public const string NotWholeNumber = "not_a_whole_number";
    public const string TooLong = "too_long";
    public const string InvalidText = "invalid_text";
    public const string UnknownLanguage = "unknown_language";

    /// <summary>An answer to a question the respondent's path does not show (its display condition does not hold).</summary>
    public const string NotShown = "question_not_shown";

    /// <summary>A page submitted that is not the respondent's current page, nor an earlier one on their path.</summary>
    public const string PageNotOnPath = "page_not_on_path";
}
