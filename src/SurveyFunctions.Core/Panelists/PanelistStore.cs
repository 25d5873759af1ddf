using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// Panelists in the <c>panelists</c> table, two rows each, every access a point read:
/// <list type="bullet">
/// <item>PK <c>{tenant}|{survey uuid}|{respondent key}</c>, RK "": the panelist (one partition each, so a survey with many
/// panelists is spread wide). The respondent key is the SHA-256 of the panelist id (<see cref="RespondentKeys"/>), so any id
/// the tenant uses is a safe key.</item>
/// <item>PK <c>key|{key id}</c>, RK "": the public key's lookup row: the secret's hash and where the panelist row is.</item>
/// </list>
/// The key row is written first; the panelist row names the key that counts, so a key row left by a lost creation race
/// (or a failed write) opens nothing.
/// </summary>
public sealed class PanelistStore(TableServiceClient service, PanelistKeys keys, TimeProvider time) : ITableSetup, ISurveyRowsPurge
{
    private const int MaxUpdateAttempts = 8;
    private const string KeyPrefix = "key|";

    private readonly TableClient _table = service.GetTableClient(StorageNames.PanelistsTable);

    public Task EnsureCreatedAsync(CancellationToken ct) => _table.CreateIfNotExistsAsync(ct);

    public async Task<Panelist?> GetAsync(string tenantId, string surveyUuid, string panelistId, CancellationToken ct)
    {
        var row = await _table.GetOrNullAsync(Partition(tenantId, surveyUuid, panelistId), "", ct: ct).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    /// <summary>The panelist, created with a new key on first access. Two first accesses at once end with one panelist and one key.</summary>
    public async Task<Panelist> GetOrCreateAsync(string tenantId, string surveyUuid, string panelistId, CancellationToken ct)
    {
        if (await GetAsync(tenantId, surveyUuid, panelistId, ct).ConfigureAwait(false) is { } existing)
            return existing;
        var panelist = new Panelist
        {
            TenantId = tenantId,
            SurveyUuid = surveyUuid,
            PanelistId = panelistId,
            KeyId = PanelistKeys.NewKeyId(),
            SigningKeyId = keys.ActiveSigningKeyId,
            CreatedAt = time.GetUtcNow(),
        };
        await _table.AddEntityAsync(KeyRow(panelist), ct).ConfigureAwait(false);
        try
        {
            var added = await _table.AddEntityAsync(ToEntity(panelist), ct).ConfigureAwait(false);
            return panelist with { ETag = added.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another first access won: its key is the panelist's; ours must not linger as a second way in.
            await _table.DeleteEntityAsync(KeyPrefix + panelist.KeyId, "", ETag.All, CancellationToken.None).ConfigureAwait(false);
            return await GetAsync(tenantId, surveyUuid, panelistId, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("A panelist row that conflicted on insert is gone.");
        }
    }

    /// <summary>
    /// The panelist a presented public key opens, or null: a malformed key costs no storage call; otherwise one point read of
    /// the key row, a constant-time hash comparison, and one of the panelist row, which must still name this key.
    /// </summary>
    public async Task<Panelist?> FindByKeyAsync(string? presented, CancellationToken ct)
    {
        if (!PanelistKeys.TryParse(presented, out var keyId, out var secret))
            return null;
        var row = await _table.GetOrNullAsync(KeyPrefix + keyId, "", ct: ct).ConfigureAwait(false);
        if (row is null || row.GetString("SecretHash") is not { } hash || !PanelistKeys.Matches(secret, hash))
            return null;
        var panelist = await GetAsync(row.GetString("TenantId") ?? "", row.GetString("SurveyUuid") ?? "", row.GetString("PanelistId") ?? "",
            ct).ConfigureAwait(false);
        return panelist?.KeyId == keyId ? panelist : null;
    }

    /// <summary>A new key for the panelist (its secret's signing key left the ring): the new key row, then the panelist naming it.</summary>
    public async Task<Panelist> ReissueKeyAsync(Panelist panelist, CancellationToken ct)
    {
        var fresh = panelist with { KeyId = PanelistKeys.NewKeyId(), SigningKeyId = keys.ActiveSigningKeyId };
        await _table.AddEntityAsync(KeyRow(fresh), ct).ConfigureAwait(false);
        var updated = await UpdateAsync(panelist, current => current with { KeyId = fresh.KeyId, SigningKeyId = fresh.SigningKeyId },
            ct).ConfigureAwait(false);
        // The old key opens nothing now (the panelist names the new one); its row would otherwise outlive even the survey's purge.
        await _table.DeleteEntityAsync(KeyPrefix + panelist.KeyId, "", ETag.All, ct).ConfigureAwait(false);
        return updated;
    }

    /// <summary>
    /// Deletes up to about <paramref name="limit"/> of the survey's panelists, each its key row first and then the panelist
    /// row (so a run that stops half-way finds the panelist again and its key is never left opening anything). The survey's
    /// panelists are one partition key range, <c>{tenant}|{uuid}|…</c>; the trailing '|' keeps a survey whose uuid merely
    /// starts the same out of it. Returns how many rows it deleted.
    /// </summary>
    Task<int> ISurveyRowsPurge.DeleteSurveyRowsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct) =>
        DeleteSurveyPanelistsAsync(tenantId, surveyUuid, limit, ct);

    public async Task<int> DeleteSurveyPanelistsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var prefix = $"{tenantId}|{surveyUuid}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + "~"}");
        var deleted = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: TableClientExtensions.MaxTransactionActions,
            select: ["PartitionKey", "RowKey", "KeyId"], cancellationToken: ct).ConfigureAwait(false))
        {
            if (deleted >= limit)
                break;
            if (row.GetString("KeyId") is { } keyId)
                await _table.DeleteEntityAsync(KeyPrefix + keyId, "", ETag.All, ct).ConfigureAwait(false);
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct).ConfigureAwait(false);
            deleted += 2;
        }
        return deleted;
    }

    /// <summary>Applies <paramref name="change"/> to the stored panelist with If-Match, reading again on a lost race.</summary>
    public async Task<Panelist> UpdateAsync(Panelist panelist, Func<Panelist, Panelist> change, CancellationToken ct)
    {
        var current = panelist;
        for (var attempt = 0; attempt < MaxUpdateAttempts; attempt++)
        {
            var updated = change(current);
            try
            {
                var response = await _table.UpdateEntityAsync(ToEntity(updated), new ETag(current.ETag!), TableUpdateMode.Replace,
                    ct).ConfigureAwait(false);
                return updated with { ETag = response.Headers.ETag?.ToString() };
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                current = await GetAsync(panelist.TenantId, panelist.SurveyUuid, panelist.PanelistId, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("A panelist being updated is gone.");
            }
        }
        throw new InvalidOperationException($"Could not update panelist of survey {panelist.SurveyUuid} after {MaxUpdateAttempts} attempts.");
    }

    private static string Partition(string tenantId, string surveyUuid, string panelistId) =>
        $"{tenantId}|{surveyUuid}|{RespondentKeys.For(panelistId)}";

    private TableEntity KeyRow(Panelist panelist) => new(KeyPrefix + panelist.KeyId, "")
    {
        ["TenantId"] = panelist.TenantId,
        ["SurveyUuid"] = panelist.SurveyUuid,
        ["PanelistId"] = panelist.PanelistId,
        ["SecretHash"] = keys.SecretHash(panelist.SigningKeyId, panelist.KeyId),
    };

    private static TableEntity ToEntity(Panelist p) => new(Partition(p.TenantId, p.SurveyUuid, p.PanelistId), "")
    {
        ["PanelistId"] = p.PanelistId,
        ["KeyId"] = p.KeyId,
        ["SigningKeyId"] = p.SigningKeyId,
        ["SessionCount"] = p.SessionCount,
        ["ActivityStartedAt"] = p.ActivityStartedAt,
        ["ActivityMostRecentAt"] = p.ActivityMostRecentAt,
        ["DismissedMostRecentAt"] = p.DismissedMostRecentAt,
        ["CurrentSessionId"] = p.CurrentSessionId,
        ["CurrentSessionRespondentKey"] = p.CurrentSessionRespondentKey,
        ["HasResponded"] = p.HasResponded,
        ["CreatedAt"] = p.CreatedAt,
    };

    private static Panelist FromEntity(TableEntity row)
    {
        var parts = row.PartitionKey.Split('|');
        return new Panelist
        {
            TenantId = parts[0],
            SurveyUuid = parts[1],
            PanelistId = row.GetString("PanelistId")!,
            KeyId = row.GetString("KeyId")!,
            SigningKeyId = row.GetString("SigningKeyId")!,
            SessionCount = row.GetInt32("SessionCount") ?? 0,
            ActivityStartedAt = row.GetDateTimeOffset("ActivityStartedAt"),
            ActivityMostRecentAt = row.GetDateTimeOffset("ActivityMostRecentAt"),
            DismissedMostRecentAt = row.GetDateTimeOffset("DismissedMostRecentAt"),
            CurrentSessionId = row.GetInt64("CurrentSessionId"),
            CurrentSessionRespondentKey = row.GetString("CurrentSessionRespondentKey"),
            HasResponded = row.GetBoolean("HasResponded") ?? false,
            CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
            ETag = row.ETag.ToString(),
        };
    }
}
