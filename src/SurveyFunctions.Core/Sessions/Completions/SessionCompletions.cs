using Azure.Data.Tables;
using SurveyFunctions.Core.Platform;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>How many sessions of a survey finished and who finished them: point reads and single-partition queries over its shards.</summary>
public sealed class SessionCompletions(SessionTables tables)
{
    /// <summary>Finished sessions of the survey: qualified (what <c>stop_criteria: responses</c> counts) and disqualified.</summary>
    public async Task<(long Completed, long Disqualified)> CountAsync(string tenantId, string surveyUuid, CancellationToken ct)
    {
        var rows = await Task.WhenAll(Enumerable.Range(0, CompletionKeys.Shards)
            .Select(shard => tables.Completions.GetOrNullAsync(CompletionKeys.Partition(tenantId, surveyUuid, shard), CompletionKeys.TallyRow, ct: ct))).ConfigureAwait(false);
        return (rows.Sum(r => r?.GetInt64("Completed") ?? 0), rows.Sum(r => r?.GetInt64("Disqualified") ?? 0));
    }

    /// <summary>
    /// The external ids of the identified respondents who finished the survey (completed or disqualified), each once, in no
    /// particular order: the Account family's <c>respondents/list</c>. One range query per shard.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListFinishedRespondentsAsync(string tenantId, string surveyUuid, CancellationToken ct)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, CompletionKeys.Shards).Select(async shard =>
        {
            var partition = CompletionKeys.Partition(tenantId, surveyUuid, shard);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {CompletionKeys.RespondentPrefix} and RowKey lt {"respondent}"}");
            var ids = new List<string>();
            await foreach (var row in tables.Completions.QueryAsync<TableEntity>(filter, select: ["ExternalId"], cancellationToken: ct).ConfigureAwait(false))
            {
                if (row.GetString("ExternalId") is { } id)
                    ids.Add(id);
            }
            return ids;
        })).ConfigureAwait(false);
        return shards.SelectMany(s => s).Distinct(StringComparer.Ordinal).ToArray();
    }
}
