using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>How many sessions of a survey finished and who finished them: point reads and single-partition queries over its shards.</summary>
public sealed class SessionCompletions(SessionTables tables)
{
    /// <summary>Finished sessions of the survey: qualified (what <c>stop_criteria: responses</c> counts) and disqualified.</summary>
    public async Task<(long Completed, long Disqualified)> CountAsync(string tenantId, string surveyUuid, CancellationToken ct)
    {
        var rows = await Task.WhenAll(Enumerable.Range(0, CompletionKeys.Shards)
            .Select(shard => tables.Completions.GetOrNullAsync(CompletionKeys.Partition(tenantId, surveyUuid, shard), CompletionKeys.TallyRow,
                ct: ct))).ConfigureAwait(false);
        return (rows.Sum(r => r?.GetInt64("Completed") ?? 0), rows.Sum(r => r?.GetInt64("Disqualified") ?? 0));
    }

    /// <summary>
    /// One page of the external ids of the identified respondents who finished the survey (completed or disqualified): the
    /// Account family's <c>respondents/list</c>. Walks the survey's completion shards in turn from <paramref name="from"/>,
    /// one range query page at a time (never a scan: each shard keeps one row per finishing respondent, written in the same
    /// transaction that counts the completion), and stops at <paramref name="limit"/> ids. <c>Next</c> is null after the
    /// last shard. A respondent appears once per shard; only a respondent who finished both before and after the survey got
    /// a response cap (which moves its completions to shard 0) can appear on two pages.
    /// </summary>
    public async Task<(IReadOnlyList<string> ExternalIds, FinishedRespondentsPosition? Next)> ListFinishedRespondentsPageAsync(
        string tenantId, string surveyUuid, FinishedRespondentsPosition from, int limit, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var ids = new List<string>(limit);
        var (shard, continuation) = (from.Shard, from.Continuation);
        while (shard < CompletionKeys.Shards)
        {
            var partition = CompletionKeys.Partition(tenantId, surveyUuid, shard);
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {CompletionKeys.RespondentPrefix} and RowKey lt {"respondent}"}");
            var page = await tables.Completions.QueryPageAsync(filter, top: limit - ids.Count, select: ["ExternalId"], continuation: continuation,
                ct: ct).ConfigureAwait(false);
            ids.AddRange(page.Values.Select(row => row.GetString("ExternalId")).OfType<string>());
            (shard, continuation) = page.ContinuationToken is null ? (shard + 1, null) : (shard, page.ContinuationToken);
            if (ids.Count >= limit)
                break;
        }
        var next = shard < CompletionKeys.Shards ? new FinishedRespondentsPosition(shard, continuation) : null;
        return (ids.Distinct(StringComparer.Ordinal).ToArray(), next);
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> rows of the survey's completion shards (tallies, session markers, finished
    /// respondents): each shard is the survey's alone, so it is every row of those partitions. Returns how many it deleted.
    /// </summary>
    public async Task<int> DeleteSurveyAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var deleted = 0;
        for (var shard = 0; shard < CompletionKeys.Shards && deleted < limit; shard++)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CompletionKeys.Partition(tenantId, surveyUuid, shard)}");
            deleted += await tables.Completions.DeleteWhereAsync(filter, limit - deleted, ct).ConfigureAwait(false);
        }
        return deleted;
    }

    /// <summary>Every finished respondent of the survey, each once, in no particular order: all pages of
    /// <see cref="ListFinishedRespondentsPageAsync"/>.</summary>
    public async Task<IReadOnlyList<string>> ListFinishedRespondentsAsync(string tenantId, string surveyUuid, CancellationToken ct)
    {
        var all = new List<string>();
        for (FinishedRespondentsPosition? position = FinishedRespondentsPosition.Start; position is not null;)
        {
            var (ids, next) = await ListFinishedRespondentsPageAsync(tenantId, surveyUuid, position, 1000, ct).ConfigureAwait(false);
            all.AddRange(ids);
            position = next;
        }
        return all.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// How many sessions of the survey finished (completed or disqualified) after <paramref name="since"/> (null: ever) and at or
    /// before <paramref name="asOf"/>: a range query of the completion markers in each shard, reading only their keys. What an
    /// export of that window will hold, known before it is written (its progress).
    /// </summary>
    public async Task<long> CountFinishedAsync(string tenantId, string surveyUuid, DateTimeOffset? since, DateTimeOffset asOf, CancellationToken ct)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, CompletionKeys.Shards).Select(async shard =>
        {
            var partition = CompletionKeys.Partition(tenantId, surveyUuid, shard);
            var (from, to) = (CompletionKeys.SessionPrefix, CompletionKeys.SessionPrefix + "~");
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to} and CompletedAt le {asOf}");
            if (since is { } after)
                filter += " and " + TableClient.CreateQueryFilter($"CompletedAt gt {after}");
            long count = 0;
            await foreach (var _ in tables.Completions.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: ct)
                .ConfigureAwait(false))
                count++;
            return count;
        })).ConfigureAwait(false);
        return counts.Sum();
    }
}
