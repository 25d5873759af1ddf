namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// Keeps a session's <see cref="AnswerRevision"/>s when its answers change after it was counted (the Responses family's
/// resubmission): each question whose counted answer differs moves to its next revision, remembering what it counted
/// before. A session not counted yet (unfinished, or disqualified: never counted) keeps none: its first count takes the
/// answers as they are then.
/// </summary>
public static class AnswerRevisions
{
    /// <summary>The revisions of <paramref name="stored"/> once its answers become <paramref name="answers"/>.</summary>
    public static IReadOnlyList<AnswerRevision> After(SurveySession stored, IReadOnlyList<SessionAnswer> answers)
    {
        if (!stored.IsCompleted || stored.IsDisqualified)
            return stored.Revisions;
        var revisions = stored.Revisions.ToDictionary(r => r.QuestionId);
        foreach (var questionId in stored.Answers.Concat(answers).Select(a => a.QuestionId).Distinct())
        {
            var before = CountedAnswer.Of(stored.AnswerTo(questionId));
            var after = CountedAnswer.Of(answers.FirstOrDefault(a => a.QuestionId == questionId));
            if (!Equals(before, after))
                revisions[questionId] = new AnswerRevision(questionId, (revisions.GetValueOrDefault(questionId)?.Revision ?? 0) + 1, before);
        }
        return [.. revisions.Values.OrderBy(r => r.QuestionId)];
    }

    /// <summary>The questions whose revision differs between two states of one session: those whose counted answer changes.</summary>
    public static IReadOnlyList<long> Changed(SurveySession stored, SurveySession updated) =>
        [.. updated.Revisions.Where(r => stored.RevisionOf(r.QuestionId) != r.Revision).Select(r => r.QuestionId)];
}
