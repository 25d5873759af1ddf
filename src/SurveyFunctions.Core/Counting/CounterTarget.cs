namespace SurveyFunctions.Core.Counting;

/// <summary>
/// What the vote pipeline counts into: a poll, or for survey results one question of a survey (or its completed sessions,
/// <see cref="SurveyResults.SurveyCounterKeys"/>). <paramref name="Key"/> names it in row keys and batch rows, so it holds
/// only letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (never <c>|</c>, <c>;</c>, <c>:</c>, <c>,</c> or <c>=</c>, the
/// separators of <see cref="VoteKeys"/> and <see cref="BatchCounts"/>). Each voter is counted once per target.
/// </summary>
/// <param name="Cap">
/// The most voters the target admits, exact under any concurrency (a poll's <c>max_responses</c>). Only polls have one; a capped
/// target keeps all its voters in one partition, and the committer records the poll's close when the cap is reached.
/// </param>
public sealed record CounterTarget(string Key, long? Cap = null);
