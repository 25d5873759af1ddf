namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// One stored answer of a session: the respondent's answer to one question (a session holds at most one per question; a
/// page submitted again replaces its answers, and an answer to the same question keeps its <see cref="Id"/>). Exactly
/// one of <see cref="OptionIds"/> (choice types),
/// <see cref="Value"/> (rating, NPS) and <see cref="Text"/> (text) carries the answer. <see cref="Id"/> is an integer unique
/// in the tenant (the Account family's answer <c>id</c>); <see cref="QuestionIdentifier"/> is copied from the question
/// when answered, so the answer still names its question if the survey is edited later.
/// </summary>
public sealed record SessionAnswer
{
    public required long Id { get; init; }
    public required long QuestionId { get; init; }

    /// <summary>The 0-based page it was given on (answers are stored, and replaced, page by page).</summary>
    public required int PageIndex { get; init; }

    public required string QuestionIdentifier { get; init; }

    /// <summary>The picked options' ids, in the order given; empty for non-choice answers.</summary>
    public IReadOnlyList<long> OptionIds { get; init; } = [];

    public long? Value { get; init; }
    public string? Text { get; init; }
    public required DateTimeOffset AnsweredAt { get; init; }

    /// <summary>
    /// When the question was first answered in this session, if the answer has since been changed (the Responses family's
    /// resubmission keeps it for <c>created_at</c>); null means <see cref="AnsweredAt"/> is also the first time.
    /// </summary>
    public DateTimeOffset? FirstAnsweredAt { get; init; }

    /// <summary>When the question was first answered in this session.</summary>
    public DateTimeOffset CreatedAt => FirstAnsweredAt ?? AnsweredAt;

    public bool Equals(SessionAnswer? other) =>
        other is not null && Id == other.Id && QuestionId == other.QuestionId && PageIndex == other.PageIndex
            && QuestionIdentifier == other.QuestionIdentifier &&
        OptionIds.SequenceEqual(other.OptionIds) && Value == other.Value && Text == other.Text && AnsweredAt == other.AnsweredAt &&
        FirstAnsweredAt == other.FirstAnsweredAt;

    public override int GetHashCode() => HashCode.Combine(Id, QuestionId);
}
