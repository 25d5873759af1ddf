using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The <c>PurgeIdempotencyKeys</c> timer: deletes stored answers whose keys expired, an hour of the expiry index at a time
/// (<see cref="IdempotencyExpiry"/>), from the cursor up to the last whole hour before now. A row whose key was used again
/// after it expired has a later expiry (and index row) now: only its stale index row goes. At most <see cref="RowsPerRun"/>
/// rows a run; the next run goes on from the cursor.
/// </summary>
public sealed class IdempotencyPurge(IdempotencyStore store, TimeProvider time)
{
    public const int RowsPerRun = 1000;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var table = store.Table;
        var cursorRow = await table.GetOrNullAsync(IdempotencyExpiry.CursorPartition, "", ct: ct).ConfigureAwait(false);
        // No cursor yet: every stored answer expires after now (expiry is always later than its write), so start at this hour.
        var hour = cursorRow?.GetDateTimeOffset("Hour") ?? IdempotencyExpiry.Hour(now);
        var budget = RowsPerRun;
        while (hour.AddHours(1) <= now && budget > 0)
        {
            for (var shard = 0; shard < IdempotencyExpiry.Shards && budget > 0; shard++)
                budget -= await PurgePartitionAsync(table, IdempotencyExpiry.Partition(hour, shard), now, budget, ct).ConfigureAwait(false);
            if (budget <= 0)
                break;
            hour = hour.AddHours(1);
        }
        await table.UpsertEntityAsync(new TableEntity(IdempotencyExpiry.CursorPartition, "") { ["Hour"] = hour }, TableUpdateMode.Replace, ct)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes up to <paramref name="limit"/> index rows of one partition and the expired answers they name; returns how many.</summary>
    private async Task<int> PurgePartitionAsync(TableClient table, string partition, DateTimeOffset now, int limit, CancellationToken ct)
    {
        var page = await table.QueryPageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), Math.Min(limit, 1000), ct: ct)
            .ConfigureAwait(false);
        foreach (var index in page.Values)
        {
            var scope = index.GetString("Scope") ?? "";
            var key = index.GetString("Key") ?? "";
            if (await store.GetAsync(scope, key, ct).ConfigureAwait(false) is { } row && row.ExpiresAt <= now && row.LeaseUntil <= now)
                await store.DeleteAsync(scope, key, row.ETag, ct).ConfigureAwait(false);
            await table.DeleteEntityAsync(index.PartitionKey, index.RowKey, ETag.All, ct).ConfigureAwait(false);
        }
        // More behind this page: count it as the whole budget, so the cursor stays on this hour and the next run goes on.
        return page.ContinuationToken is not null ? limit : page.Values.Count;
    }
}
