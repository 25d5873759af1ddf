namespace SurveyFunctions.Core.Taking;

/// <summary>
/// One answer as a respondent submitted it, before it is checked against the survey. Which of <see cref="OptionIds"/>,
/// <see cref="Value"/> and <see cref="Text"/> is set is the answer's shape (each family parses its own wire format into this):
/// options for choice questions, a number for rating and NPS, text for text questions. None set means "left empty".
/// </summary>
public sealed record PageAnswer(long QuestionId, IReadOnlyList<long>? OptionIds = null, decimal? Value = null, string? Text = null)
{
    /// <summary>Says nothing: no option picked, no number, blank text (a skip). Such an answer is fine even for a question not shown.</summary>
    public bool IsEmpty => (OptionIds is null || OptionIds.Count == 0) && Value is null && string.IsNullOrWhiteSpace(Text);
}

/// <summary>What a respondent sends with a page: the answers, and optionally the language they choose.</summary>
public sealed record PageSubmission(IReadOnlyList<PageAnswer> Answers, string? Language = null);
