using System.Text.Json;
using Azure.Data.Tables;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// Survey responses in the <c>surveyresponses</c> table (<see cref="ResponseKeys"/>): created in one transaction with all
/// their index rows, read by id with one point read, listed a page at a time with one range query per index walked.
/// </summary>
public sealed class ResponseStore(SessionTables tables) : ISurveyRowsPurge
{
    private TableClient Table => tables.Responses;

    public async Task CreateAsync(SurveyResponse response, CancellationToken ct)
    {
        var actions = ResponseKeys.RowsOf(response)
            .Select(row => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(response, row)))
            .ToArray();
        await Table.SubmitAsync(actions, ct).ConfigureAwait(false);
    }

    /// <summary>The tenant's response with this id, or null. One point read.</summary>
    public async Task<SurveyResponse?> GetAsync(string tenantId, string id, CancellationToken ct)
    {
        var row = await Table.GetOrNullAsync(tenantId, ResponseKeys.Row(id), ct: ct).ConfigureAwait(false);
        return row is null ? null : ToResponse(tenantId, row);
    }

    /// <summary>
    /// Up to <paramref name="take"/> responses in the order of <paramref name="indexes"/> (all ascending or all descending):
    /// those after <paramref name="after"/> in that order, with ids from <paramref name="minId"/> to <paramref name="maxId"/>
    /// (inclusive, either open), kept by <paramref name="keep"/>. Several indexes (one per filter value) are read side by side
    /// and merged; a response found in two (two of its subjects asked for) is listed once.
    /// </summary>
    public async Task<IReadOnlyList<SurveyResponse>> ListAsync(
        string tenantId, IReadOnlyList<ResponseKeys.Index> indexes, string? after, string? minId, string? maxId,
        Func<SurveyResponse, bool> keep, int take, CancellationToken ct)
    {
        var descending = indexes[0].Descending;
        var found = new Dictionary<string, SurveyResponse>(StringComparer.Ordinal);
        foreach (var index in indexes)
        {
            var kept = 0;
            await foreach (var row in Table.QueryAsync<TableEntity>(Filter(tenantId, index, after, minId, maxId),
                maxPerPage: Math.Min(1000, take + 1), cancellationToken: ct).ConfigureAwait(false))
            {
                var response = ToResponse(tenantId, row);
                if (!keep(response))
                    continue;
                found.TryAdd(response.Id, response);
                if (++kept == take)
                    break;
            }
        }
        var ordered = descending
            ? found.Values.OrderByDescending(r => r.Id, StringComparer.Ordinal)
            : found.Values.OrderBy(r => r.Id, StringComparer.Ordinal);
        return ordered.Take(take).ToArray();
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> rows of the survey's responses (every copy of each: all its index rows carry
    /// the survey's uuid). One filtered query over the tenant's partition, paged: responses are keyed for reading by id,
    /// responder and subject, not by survey, and a delete is rare enough not to need an index of its own. Returns how many.
    /// </summary>
    Task<int> ISurveyRowsPurge.DeleteSurveyRowsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct) =>
        DeleteSurveyResponsesAsync(tenantId, surveyUuid, limit, ct);

    public Task<int> DeleteSurveyResponsesAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct) =>
        Table.DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and SurveyUuid eq {surveyUuid}"), limit, ct);

    /// <summary>The index's key range, narrowed by the id bounds (mirrored for a descending index) and the cursor.</summary>
    private static string Filter(string tenantId, ResponseKeys.Index index, string? after, string? minId, string? maxId)
    {
        var (low, high) = index.Descending ? (maxId, minId) : (minId, maxId);
        var from = low is null ? index.Prefix : index.Key(low);
        var to = high is null ? index.End : index.Key(high);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {from} and RowKey le {to}");
        return after is null ? filter : filter + " and " + TableClient.CreateQueryFilter($"RowKey gt {index.Key(after)}");
    }

    private static TableEntity ToEntity(SurveyResponse response, string rowKey)
    {
        var row = new TableEntity(response.TenantId, rowKey)
        {
            ["ResponseId"] = response.Id,
            ["SurveyUuid"] = response.SurveyUuid,
            ["SessionId"] = response.Session.SessionId,
            ["ResponderId"] = response.ResponderId,
            ["SubjectZrns"] = JsonSerializer.Serialize(response.SubjectZrns),
            ["Locale"] = response.Locale,
            ["CreatedAt"] = response.CreatedAt,
            ["ExpiresAt"] = response.ExpiresAt,
        };
        if (response.Session.RespondentKey is { } key)
            row["RespondentKey"] = key;
        return row;
    }

    private static SurveyResponse ToResponse(string tenantId, TableEntity row)
    {
        var surveyUuid = row.GetString("SurveyUuid") ?? "";
        return new SurveyResponse
        {
            TenantId = tenantId,
            Id = row.GetString("ResponseId") ?? "",
            SurveyUuid = surveyUuid,
            Session = new SessionLocator(tenantId, surveyUuid, row.GetInt64("SessionId") ?? 0, row.GetString("RespondentKey")),
            ResponderId = row.GetInt64("ResponderId") ?? 0,
            SubjectZrns = JsonSerializer.Deserialize<string[]>(row.GetString("SubjectZrns") ?? "[]") ?? [],
            Locale = row.GetString("Locale") ?? "",
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
            ExpiresAt = row.GetDateTimeOffset("ExpiresAt") ?? default,
        };
    }
}
