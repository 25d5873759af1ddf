using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>An answer that passed <see cref="PageValidator"/>, tied to its question; exactly one of its parts is set.</summary>
public sealed record ValidAnswer(SurveyQuestion Question, IReadOnlyList<long> OptionIds, long? Value, string? Text)
{
    /// <summary>Whether <paramref name="stored"/> already says what this answer says (then it is kept as it was).</summary>
    public bool Matches(SessionAnswer stored) =>
        stored.OptionIds.SequenceEqual(OptionIds) && stored.Value == Value && stored.Text == Text;

    /// <summary>
    /// The answer as the session stores it. <paramref name="id"/> is the earlier answer's to the same question when there
    /// was one (the Account family shows a changed answer as the same answer), else a new one; <paramref name="firstAnsweredAt"/>
    /// is when that earlier answer was first given, for the families that report changes.
    /// </summary>
    public SessionAnswer ToStored(long id, int pageIndex, DateTimeOffset now, DateTimeOffset? firstAnsweredAt = null) => new()
    {
        Id = id,
        QuestionId = Question.Id,
        QuestionIdentifier = Question.Identifier,
        PageIndex = pageIndex,
        OptionIds = OptionIds,
        Value = Value,
        Text = Text,
        AnsweredAt = now,
        FirstAnsweredAt = firstAnsweredAt,
    };
}
