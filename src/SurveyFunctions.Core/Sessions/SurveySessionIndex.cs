using Azure.Data.Tables;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// Every session of a survey, in session id order, read from its session index (<see cref="SessionKeys.SurveyIndexPartition(string,
/// string, int)"/>): one range query per index shard, read a page at a time and merged, so a walk over any number of sessions holds
/// one page per shard. The order is the same on every walk, which is what lets an export stop and resume where it was.
/// </summary>
public sealed class SurveySessionIndex(SessionTables tables)
{
    /// <summary>Rows read per storage request (the service's page maximum).</summary>
    private const int PageSize = 1000;

    private static readonly string[] Columns = [SessionStore.IndexSessionId, SessionStore.IndexRespondentKey];

    /// <summary>Where each session after <paramref name="afterSessionId"/> (0: from the first) lives, in session id order.</summary>
    public async IAsyncEnumerable<SessionLocator> ListAsync(string tenantId, string surveyUuid, long afterSessionId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var shards = new List<IAsyncEnumerator<TableEntity>>(SessionKeys.SurveyIndexShards);
        try
        {
            // Each shard's next row, smallest session id first.
            var heads = new PriorityQueue<(IAsyncEnumerator<TableEntity> Shard, SessionLocator Locator), long>();
            for (var shard = 0; shard < SessionKeys.SurveyIndexShards; shard++)
            {
                var partition = SessionKeys.SurveyIndexPartition(tenantId, surveyUuid, shard);
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {SessionKeys.IndexRow(afterSessionId)}");
                var rows = tables.Sessions.QueryAsync<TableEntity>(filter, PageSize, Columns, ct).GetAsyncEnumerator(ct);
                shards.Add(rows);
                await AdvanceAsync(rows, heads, tenantId, surveyUuid).ConfigureAwait(false);
            }
            while (heads.TryDequeue(out var head, out _))
            {
                yield return head.Locator;
                await AdvanceAsync(head.Shard, heads, tenantId, surveyUuid).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var rows in shards)
                await rows.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task AdvanceAsync(IAsyncEnumerator<TableEntity> rows,
        PriorityQueue<(IAsyncEnumerator<TableEntity>, SessionLocator), long> heads, string tenantId, string surveyUuid)
    {
        if (!await rows.MoveNextAsync().ConfigureAwait(false))
            return;
        var row = rows.Current;
        var locator = new SessionLocator(tenantId, surveyUuid, row.GetInt64(SessionStore.IndexSessionId) ?? 0,
            row.GetString(SessionStore.IndexRespondentKey));
        heads.Enqueue((rows, locator), locator.SessionId);
    }
}
