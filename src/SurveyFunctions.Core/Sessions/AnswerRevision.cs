using SurveyFunctions.Core.SurveyResults;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// How often the answer to one question of a counted session has changed, and what the results counted for it just
/// before the latest change. Kept with the session (its row is written If-Match, so changes are serialized by it), so the
/// next count knows exactly what the change takes back (<see cref="SessionAnswerCounter"/>). <see cref="Previous"/> is null
/// when the question had no counted answer before (it was skipped, or never answered).
/// </summary>
/// <param name="Revision">1 for the first change after the session was counted; a question with no entry is at revision 0.</param>
public sealed record AnswerRevision(long QuestionId, int Revision, CountedAnswer? Previous);
