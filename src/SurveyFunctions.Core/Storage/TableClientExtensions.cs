using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// What the SDK shapes differently from how the app uses it: "the row or null", one page, a transaction's ETags, and
/// "delete these rows, whoever else is deleting them too".
/// </summary>
public static class TableClientExtensions
{
    /// <summary>The most actions one entity group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>
    /// Point read; null when the entity (or its table) does not exist. The SDK's GetEntityAsync throws on 404, and an empty
    /// RowKey (our single-row partitions use one) is a valid key.
    /// </summary>
    public static async Task<TableEntity?> GetOrNullAsync(
        this TableClient table,
        string partitionKey,
        string rowKey,
        IEnumerable<string>? select = null,
        CancellationToken ct = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select, ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// One page of entities. <paramref name="continuation"/> is the SDK's raw token: pass it back only when it came from
    /// this process, never from a caller (callers get <see cref="Http.Paging.SignedCursor"/>s). A page may be empty yet carry a
    /// token (the service stops at partition and time boundaries).
    /// </summary>
    public static async Task<Page<TableEntity>> QueryPageAsync(
        this TableClient table,
        string? filter,
        int? top = null,
        IEnumerable<string>? select = null,
        string? continuation = null,
        CancellationToken ct = default)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, top, select, ct).AsPages(continuation, top).ConfigureAwait(false))
            return page;
        throw new InvalidOperationException("The table service answered a query with no page.");
    }

    /// <summary>
    /// Entity group transaction (all or nothing); returns each action's new ETag in action order (null for deletes). A
    /// refused transaction throws <see cref="TableTransactionFailedException"/>, whose FailedTransactionActionIndex may be null.
    /// </summary>
    public static async Task<IReadOnlyList<string?>> SubmitAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions,
        CancellationToken ct = default)
    {
        var response = await table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        var etags = new string?[actions.Count];
        for (var i = 0; i < etags.Length && i < response.Value.Count; i++)
            etags[i] = response.Value[i].Headers.ETag?.ToString();
        return etags;
    }

    /// <summary>
    /// Deletes up to <paramref name="limit"/> rows of <paramref name="partition"/> whose row keys are in
    /// [<paramref name="from"/>, <paramref name="to"/>); returns how many it deleted (fewer than the limit: the range is empty now).
    /// </summary>
    public static Task<int> DeleteRangeAsync(this TableClient table, string partition, string from, string to, int limit = int.MaxValue,
        CancellationToken ct = default) =>
        table.DeleteWhereAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}"), limit, ct);

    /// <summary>
    /// Deletes up to <paramref name="limit"/> of the rows <paramref name="filter"/> matches, in transactions of up to
    /// <see cref="MaxTransactionActions"/> rows of one partition; returns how many it deleted (fewer than the limit: none
    /// is left). A row someone else deleted meanwhile (a concurrent or crashed-and-retried purge) is not an error: the
    /// transaction that names it fails as a whole (404), and its rows are then deleted one by one, which ignores rows that
    /// are gone. So any number of callers may delete the same rows at once.
    /// </summary>
    public static async Task<int> DeleteWhereAsync(this TableClient table, string filter, int limit = int.MaxValue, CancellationToken ct = default)
    {
        var deleted = 0;
        var batch = new List<TableTransactionAction>(MaxTransactionActions);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"],
            cancellationToken: ct).ConfigureAwait(false))
        {
            if (deleted + batch.Count >= limit)
                break;
            if (batch.Count == MaxTransactionActions || (batch.Count > 0 && batch[0].Entity.PartitionKey != row.PartitionKey))
            {
                deleted += await DeleteBatchAsync(table, batch, ct).ConfigureAwait(false);
                batch.Clear();
            }
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All));
        }
        if (batch.Count > 0)
            deleted += await DeleteBatchAsync(table, batch, ct).ConfigureAwait(false);
        return deleted;
    }

    private static async Task<int> DeleteBatchAsync(TableClient table, List<TableTransactionAction> batch, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // DeleteEntityAsync answers a row that is already gone with success, not an exception.
            foreach (var action in batch)
                await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, ct).ConfigureAwait(false);
        }
        return batch.Count;
    }
}
