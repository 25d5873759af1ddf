using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The <c>PurgeIdempotencyKeys</c> timer: deletes stored answers whose keys expired, through the expiry index
/// (<see cref="IdempotencyExpiry"/>): one range query over the index partitions of the whole hours before now, which hold
/// nothing but expired entries, so a run with nothing to do reads one empty page and writes nothing. A row whose key was used
/// again after it expired has a later expiry (and index row) now: only its stale index row goes. At most
/// <see cref="RowsPerRun"/> rows a run; the next run takes the rest.
/// </summary>
public sealed class IdempotencyPurge(IdempotencyStore store, TimeProvider time)
{
    public const int RowsPerRun = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var table = store.Table;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {IdempotencyExpiry.Prefix} and PartitionKey lt {IdempotencyExpiry.HourPrefix(IdempotencyExpiry.Hour(now))}");
        var done = 0;
        await foreach (var index in table.QueryAsync<TableEntity>(filter, maxPerPage: 100, cancellationToken: ct).ConfigureAwait(false))
        {
            var scope = index.GetString("Scope") ?? "";
            var key = index.GetString("Key") ?? "";
            if (await store.GetAsync(scope, key, ct).ConfigureAwait(false) is { } row && row.ExpiresAt <= now && row.LeaseUntil <= now)
                await store.DeleteAsync(scope, key, row.ETag, ct).ConfigureAwait(false);
            await table.DeleteEntityAsync(index.PartitionKey, index.RowKey, ETag.All, ct).ConfigureAwait(false);
            if (++done >= RowsPerRun)
                return;
        }
    }
}
