using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The <c>idempotency</c> table: PK the caller's scope, RK the key's hash (<see cref="IdempotencyKeys"/>). A row is a claim
/// ("pending", until its lease ends) and then the first answer ("done", until it expires). Claims are inserts, so of many
/// requests with one key exactly one wins; a row past its lease or expiry is taken over If-Match its ETag, so only one
/// taker wins that too. Expired rows are replaced when their key is used again, and deleted by <see cref="IdempotencyPurge"/>.
/// </summary>
public sealed class IdempotencyStore(TableServiceClient service) : ITableSetup
{
    /// <summary>A table property holds at most 64 KiB; an entity 1 MiB. Bodies are split over up to 15 chunks.</summary>
    private const int ChunkBytes = 64 * 1024;
    private const int MaxChunks = 15;
    public const int MaxBodyBytes = ChunkBytes * MaxChunks;

    internal TableClient Table { get; } = service.GetTableClient(StorageNames.IdempotencyTable);

    public Task EnsureCreatedAsync(CancellationToken ct) => Table.CreateIfNotExistsAsync(ct);

    public sealed record Row(string Scope, string Key, string Fingerprint, bool Done, DateTimeOffset LeaseUntil, DateTimeOffset ExpiresAt,
        StoredResponse? Response, ETag ETag);

    /// <summary>Inserts a claim; null when a row for the key exists already (the caller reads it).</summary>
    public async Task<ETag?> TryClaimAsync(string scope, string key, string fingerprint, DateTimeOffset leaseUntil, DateTimeOffset expiresAt,
        CancellationToken ct)
    {
        try
        {
            var added = await Table.AddEntityAsync(Claim(scope, key, fingerprint, leaseUntil, expiresAt), ct).ConfigureAwait(false);
            return added.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces a row whose lease or lifetime ran out with a new claim; null when another request changed it first.</summary>
    public async Task<ETag?> TryTakeOverAsync(Row row, string fingerprint, DateTimeOffset leaseUntil, DateTimeOffset expiresAt, CancellationToken ct)
    {
        try
        {
            var claim = Claim(row.Scope, row.Key, fingerprint, leaseUntil, expiresAt);
            var replaced = await Table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return replaced.Headers.ETag;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task<Row?> GetAsync(string scope, string key, CancellationToken ct)
    {
        var entity = await Table.GetOrNullAsync(scope, key, ct: ct).ConfigureAwait(false);
        return entity is null ? null : ToRow(entity);
    }

    /// <summary>
    /// Stores the first answer on the claim (If-Match: a claim taken over after its lease is the taker's now), and its expiry
    /// index row beside it (<see cref="IdempotencyExpiry"/>), in parallel: no extra round trip for the caller.
    /// </summary>
    public async Task CompleteAsync(string scope, string key, ETag claim, string fingerprint, DateTimeOffset expiresAt, StoredResponse response,
        CancellationToken ct)
    {
        var entity = Claim(scope, key, fingerprint, expiresAt, expiresAt);
        entity["State"] = "done";
        entity["Status"] = response.StatusCode;
        entity["Headers"] = JsonSerializer.Serialize(response.Headers);
        entity["BodyLength"] = response.Body.Length;
        for (var i = 0; i * ChunkBytes < response.Body.Length; i++)
            entity["Body" + i] = response.Body.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, response.Body.Length - i * ChunkBytes)).ToArray();
        var index = Table.UpsertEntityAsync(IdempotencyExpiry.IndexRow(scope, key, expiresAt), TableUpdateMode.Replace, ct);
        try
        {
            await Table.UpdateEntityAsync(entity, claim, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over after the lease ran out: the taker's answer is the one kept.
        }
        await index.ConfigureAwait(false);
    }

    /// <summary>Deletes a claim (its request failed, so a retry may run) or an expired row; gone or changed meanwhile is fine.</summary>
    public async Task DeleteAsync(string scope, string key, ETag etag, CancellationToken ct)
    {
        try
        {
            await Table.DeleteEntityAsync(scope, key, etag, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Someone else released, completed or took it over: theirs to keep.
        }
    }

    private static TableEntity Claim(string scope, string key, string fingerprint, DateTimeOffset leaseUntil, DateTimeOffset expiresAt) =>
        new(scope, key)
        {
            ["State"] = "pending",
            ["Fingerprint"] = fingerprint,
            ["LeaseUntil"] = leaseUntil,
            ["ExpiresAt"] = expiresAt,
        };

    private static Row ToRow(TableEntity entity)
    {
        var done = entity.GetString("State") == "done";
        StoredResponse? response = null;
        if (done)
        {
            var body = new byte[entity.GetInt32("BodyLength") ?? 0];
            for (var i = 0; i * ChunkBytes < body.Length; i++)
                entity.GetBinary("Body" + i).CopyTo(body, i * ChunkBytes);
            var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(entity.GetString("Headers") ?? "{}") ?? [];
            response = new StoredResponse(entity.GetInt32("Status") ?? 500, headers, body, Replayed: true);
        }
        return new Row(entity.PartitionKey, entity.RowKey, entity.GetString("Fingerprint") ?? "", done,
            entity.GetDateTimeOffset("LeaseUntil") ?? DateTimeOffset.MinValue, entity.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue,
            response, entity.ETag);
    }
}
