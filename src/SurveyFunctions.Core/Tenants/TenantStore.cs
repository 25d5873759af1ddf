using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Tenants;

/// <summary>
/// Tenants and their API keys. The tenant partition holds the tenant row and one index row per key (so keys can be
/// listed and revoked by id); the apikeys table maps a key's hash to its tenant (the one read per authenticated request).
/// </summary>
public sealed class TenantStore(SurveyStorage storage, TimeProvider time)
{
    private const string TenantRow = "";
    private const string KeyRowPrefix = "key|";

    public async Task<(Tenant Tenant, IssuedKey Key)> CreateAsync(string name, TenantPlan plan, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tenant = new Tenant(RandomIds.New("tnt"), name, plan, now);
        var (keyId, key) = ApiKeys.Generate();
        var hash = ApiKeys.Hash(key);

        var tenantRow = new TableEntity(tenant.TenantId, TenantRow)
        {
            ["Name"] = name,
            ["Plan"] = plan.ToWire(),
            ["CreatedAt"] = now,
        };
        await storage.Tenants.SubmitAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, tenantRow),
                new TableTransactionAction(TableTransactionActionType.Add, KeyIndexRow(tenant.TenantId, keyId, hash, now)),
            ], ct).ConfigureAwait(false);
        try
        {
            await storage.ApiKeys.AddEntityAsync(KeyLookupRow(tenant.TenantId, plan, keyId, hash), ct).ConfigureAwait(false);
        }
        catch
        {
            // Undo the tenant so a failed create leaves nothing behind; the caller sees the storage error.
            await storage.Tenants.DeleteEntityAsync(tenant.TenantId, KeyRowPrefix + keyId, ETag.All, CancellationToken.None).ConfigureAwait(false);
            await storage.Tenants.DeleteEntityAsync(tenant.TenantId, TenantRow, ETag.All, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return (tenant, new IssuedKey(tenant.TenantId, keyId, key));
    }

    public async Task<Tenant?> GetAsync(string tenantId, CancellationToken ct)
    {
        var row = await storage.Tenants.GetOrNullAsync(tenantId, TenantRow, ct: ct).ConfigureAwait(false);
        return row is null ? null : ToTenant(row);
    }

    public async Task<IReadOnlyList<TenantKeyInfo>> ListKeysAsync(string tenantId, CancellationToken ct)
    {
        var keys = new List<TenantKeyInfo>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey ge {KeyRowPrefix} and RowKey lt {"key}"}");
        await foreach (var row in storage.Tenants.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            keys.Add(new TenantKeyInfo(row.RowKey[KeyRowPrefix.Length..], row.GetDateTimeOffset("CreatedAt") ?? default,
                row.GetDateTimeOffset("RevokedAt")));
        return keys;
    }

    /// <summary>Issues an additional key; existing keys keep working until revoked (rotation without downtime).</summary>
    public async Task<IssuedKey?> IssueKeyAsync(string tenantId, CancellationToken ct)
    {
        var tenant = await GetAsync(tenantId, ct).ConfigureAwait(false);
        if (tenant is null)
            return null;
        var now = time.GetUtcNow();
        var (keyId, key) = ApiKeys.Generate();
        var hash = ApiKeys.Hash(key);
        await storage.Tenants.AddEntityAsync(KeyIndexRow(tenantId, keyId, hash, now), ct).ConfigureAwait(false);
        await storage.ApiKeys.AddEntityAsync(KeyLookupRow(tenantId, tenant.Plan, keyId, hash), ct).ConfigureAwait(false);
        return new IssuedKey(tenantId, keyId, key);
    }

    /// <summary>Revokes a key: its lookup row goes first, so the key stops working even if marking the index fails.</summary>
    public async Task<bool> RevokeKeyAsync(string tenantId, string keyId, CancellationToken ct)
    {
        var index = await storage.Tenants.GetOrNullAsync(tenantId, KeyRowPrefix + keyId, ct: ct).ConfigureAwait(false);
        if (index?.GetString("Hash") is not { } hash)
            return false;
        await storage.ApiKeys.DeleteEntityAsync(hash, "", ETag.All, ct).ConfigureAwait(false);
        if (index.GetDateTimeOffset("RevokedAt") is null)
        {
            index["RevokedAt"] = time.GetUtcNow();
            await storage.Tenants.UpsertEntityAsync(index, TableUpdateMode.Merge, ct).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Resolves a presented key to its tenant: one point read by hash, then a constant-time check of the stored hash.</summary>
    public async Task<TenantContext?> FindByKeyAsync(string key, CancellationToken ct)
    {
        var hash = ApiKeys.Hash(key);
        var row = await storage.ApiKeys.GetOrNullAsync(hash, "", ct: ct).ConfigureAwait(false);
        if (row is null || row.GetString("Hash") is not { } stored || !ApiKeys.HashesEqual(stored, hash))
            return null;
        return new TenantContext(row.GetString("TenantId")!, TenantPlans.ParseStored(row.GetString("Plan")), row.GetString("KeyId")!);
    }

    private static TableEntity KeyIndexRow(string tenantId, string keyId, string hash, DateTimeOffset now) =>
        new(tenantId, KeyRowPrefix + keyId) { ["Hash"] = hash, ["CreatedAt"] = now };

    // The plan is copied here so authentication stays one read; a plan change must rewrite the tenant's key rows.
    private static TableEntity KeyLookupRow(string tenantId, TenantPlan plan, string keyId, string hash) =>
        new(hash, "") { ["Hash"] = hash, ["TenantId"] = tenantId, ["KeyId"] = keyId, ["Plan"] = plan.ToWire() };

    private static Tenant ToTenant(TableEntity row)
    {
        return new Tenant(row.PartitionKey, row.GetString("Name") ?? "", TenantPlans.ParseStored(row.GetString("Plan")),
            row.GetDateTimeOffset("CreatedAt") ?? default);
    }
}
