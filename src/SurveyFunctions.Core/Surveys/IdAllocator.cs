using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Integer ids, unique per tenant and kind, safe under any concurrency (Table Storage has no auto-increment).
/// Each (tenant, kind) has one counter row holding the next free id. An instance reserves a block of ids by moving the
/// counter forward with If-Match on the ETag it read: two instances reserving at once cannot both win, the loser re-reads
/// and takes the next block. Inside one instance callers queue on a per-counter gate and are served from the block in
/// memory, so 200 concurrent sessions cost one storage write per block, not 200 racing writes on one row.
/// A reservation whose answer was lost (the write applied, the response did not arrive) only burns a block: ids can have
/// gaps, never duplicates.
/// </summary>
public sealed class IdAllocator(SurveyTables tables)
{
    private const string NextProperty = "Next";
    private const int MaxAttempts = 30;

    private readonly ConcurrentDictionary<(string TenantId, IdKind Kind), Block> _blocks = new();

    /// <summary>One id of <paramref name="kind"/> for the tenant.</summary>
    public async Task<long> NextAsync(string tenantId, IdKind kind, CancellationToken ct) =>
        (await AllocateAsync(tenantId, kind, 1, ct).ConfigureAwait(false))[0];

    /// <summary><paramref name="count"/> distinct ids of <paramref name="kind"/> for the tenant, increasing.</summary>
    public async Task<IReadOnlyList<long>> AllocateAsync(string tenantId, IdKind kind, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return [];
        var block = _blocks.GetOrAdd((tenantId, kind), _ => new Block());
        await block.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var ids = new long[count];
            var filled = 0;
            while (filled < count)
            {
                if (block.Next < block.End)
                {
                    ids[filled++] = block.Next++;
                    continue;
                }
                var size = Math.Max(count - filled, kind.BlockSize());
                var first = await ReserveAsync(tenantId, kind, size, ct).ConfigureAwait(false);
                (block.Next, block.End) = (first, first + size);
            }
            return ids;
        }
        finally
        {
            block.Gate.Release();
        }
    }

    /// <summary>Moves the counter forward by <paramref name="size"/> and returns the first id of the reserved range.</summary>
    private async Task<long> ReserveAsync(string tenantId, IdKind kind, int size, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await tables.IdCounters.GetEntityIfExistsAsync<TableEntity>(tenantId, kind.RowKey(), [NextProperty],
                ct).ConfigureAwait(false);
            try
            {
                if (!current.HasValue)
                {
                    // The first id of every kind is 1. A racing first reservation makes this a 409: read again.
                    await tables.IdCounters.AddEntityAsync(Counter(tenantId, kind, 1 + size), ct).ConfigureAwait(false);
                    return 1;
                }
                var next = current.Value!.GetInt64(NextProperty) ?? 1;
                await tables.IdCounters.UpdateEntityAsync(Counter(tenantId, kind, next + size), current.Value.ETag, TableUpdateMode.Replace,
                    ct).ConfigureAwait(false);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance reserved first. Back off a little (jittered) so a crowd of instances spreads out.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (attempt * 10))), ct).ConfigureAwait(false);
            }
        }
        // Not an input problem and not a bug: storage-level contention that outlasted every retry. 503 tells the caller to retry.
        throw new RequestFailedException(503, $"Could not reserve {kind.RowKey()} ids after {MaxAttempts} attempts under contention.");
    }

    private static TableEntity Counter(string tenantId, IdKind kind, long next) => new(tenantId, kind.RowKey()) { [NextProperty] = next };

    private sealed class Block
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public long Next { get; set; }
        public long End { get; set; }
    }
}
