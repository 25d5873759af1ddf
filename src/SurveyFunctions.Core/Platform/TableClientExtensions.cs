using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Platform;

/// <summary>What the SDK shapes differently from how the app uses it: "the row or null", one page, and a transaction's ETags.</summary>
public static class TableClientExtensions
{
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
    /// this process, never from a caller (callers get <see cref="Http.SignedCursor"/>s). A page may be empty yet carry a
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
    public static async Task<IReadOnlyList<string?>> SubmitAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        var response = await table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        var etags = new string?[actions.Count];
        for (var i = 0; i < etags.Length && i < response.Value.Count; i++)
            etags[i] = response.Value[i].Headers.ETag?.ToString();
        return etags;
    }
}
