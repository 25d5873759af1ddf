using System.Collections.Concurrent;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>
/// Counts finished sessions exactly once and enforces <c>stop_criteria: responses</c> exactly, under any concurrency and
/// across instances: each completion partition (<see cref="CompletionKeys"/>) has one committer loop here, which groups
/// concurrent completions into one transaction with If-Match on the partition's tally. A request awaits its own completion.
/// </summary>
/// <remarks>
/// One loop object per completion partition this instance has seen (a survey uses one for a cap, up to
/// <see cref="CompletionKeys.Shards"/> otherwise); each is a few hundred bytes, and instances are recycled.
/// </remarks>
public sealed class CompletionCommitter(SessionTables tables)
{
    private readonly ConcurrentDictionary<string, CompletionPartition> _partitions = new(StringComparer.Ordinal);

    /// <summary>Counts <paramref name="session"/> of <paramref name="survey"/> as finished (disqualified or not).</summary>
    public Task<CompletionAdmission> SubmitAsync(Survey survey, SurveySession session, bool disqualified, DateTimeOffset completedAt)
    {
        var locator = session.Locator;
        var shard = CompletionKeys.ShardFor(survey.Settings, locator);
        var partition = _partitions.GetOrAdd(
            CompletionKeys.Partition(survey.TenantId, survey.Uuid, shard),
            _ => new CompletionPartition(survey.TenantId, survey.Uuid, shard, tables));
        var pending = new PendingCompletion
        {
            Session = locator,
            ExternalId = session.Respondent?.ExternalId,
            RespondentId = session.Respondent?.Id,
            Cap = survey.Settings.CountsResponses ? survey.Settings.StopResponses : null,
            Disqualified = disqualified,
            CompletedAt = completedAt,
        };
        partition.Enqueue(pending);
        return pending.Completion.Task;
    }
}
