using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// A survey's counts at a moment. <see cref="Completed"/>: completed sessions counted (its total) and how many of those
/// the aggregator has not folded into the counters yet (its pending; they are in every number anyway). Per question, its
/// answers (total) and picks per slot (<see cref="SurveyCounterKeys"/>). <see cref="Disqualified"/>: sessions that ended
/// disqualified, whose answers are not counted.
/// </summary>
public sealed record SurveyCounts(TargetCounts Completed, long Disqualified, IReadOnlyDictionary<long, TargetCounts> Questions)
{
    public TargetCounts For(SurveyQuestion question) => Questions.GetValueOrDefault(question.Id) ?? TargetCounts.Empty;
}

/// <summary>
/// Reads a survey's results: one range query per survey partition returns every counter and pending row of the survey,
/// so each number includes every completed session whether or not the aggregator has run. The disqualified count comes
/// from the completion tallies (<see cref="SessionCompletions"/>), read at the same time.
/// </summary>
public sealed class SurveyTally(SurveyStorage storage, SessionCompletions completions)
{
    public async Task<SurveyCounts> ReadAsync(Survey survey, CancellationToken ct)
    {
        var (from, to) = SurveyCounterKeys.CounterRange(survey.TenantId, survey.Uuid);
        var finished = completions.CountAsync(survey.TenantId, survey.Uuid, ct);
        var read = CounterReader.ReadAsync(storage.PollVotes, Enumerable.Range(0, SurveyCounterKeys.Shards), from, to, ct);
        await Task.WhenAll(finished, read).ConfigureAwait(false);
        var counts = read.Result;
        var questions = new Dictionary<long, TargetCounts>();
        foreach (var question in survey.Questions)
        {
            if (counts.TryGetValue(SurveyCounterKeys.Question(survey.TenantId, survey.Uuid, question.Id), out var forQuestion))
                questions[question.Id] = forQuestion;
        }
        var completed = counts.GetValueOrDefault(SurveyCounterKeys.CompletedSessions(survey.TenantId, survey.Uuid)) ?? TargetCounts.Empty;
        return new SurveyCounts(completed, finished.Result.Disqualified, questions);
    }
}
