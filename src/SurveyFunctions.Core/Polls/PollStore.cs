using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// Polls in Table Storage: the poll row (PK poll id), its row in the tenant's index (for listing) and its closing entry
/// (for the timer). Hot paths (vote, token, results) read through a short cache; writes here invalidate it at once,
/// other instances see a change within <see cref="CacheTtl"/>. Time windows and caps never depend on the cache.
/// </summary>
public sealed class PollStore(SurveyStorage storage, EventOutbox events, TimeProvider time)
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, (Task<Poll?> Poll, long ExpiresAt)> _cache = new(StringComparer.Ordinal);

    public async Task<Poll?> GetAsync(string pollId, CancellationToken ct)
    {
        var row = await storage.Polls.GetOrNullAsync(pollId, PollEntity.RowKey, ct: ct).ConfigureAwait(false);
        return row is null ? null : PollEntity.FromEntity(row);
    }

    /// <summary>A poll at most <see cref="CacheTtl"/> old; concurrent callers share one read.</summary>
    public Task<Poll?> GetCachedAsync(string pollId, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        if (_cache.TryGetValue(pollId, out var entry) && entry.ExpiresAt > now && !entry.Poll.IsFaulted)
            return entry.Poll;
        var load = GetAsync(pollId, CancellationToken.None);
        _cache[pollId] = (load, now + (long)(CacheTtl.TotalSeconds * time.TimestampFrequency));
        return load.WaitAsync(ct);
    }

    public void Invalidate(string pollId) => _cache.TryRemove(pollId, out _);

    /// <summary>The poll row first (the id is new, so this cannot clash), then its index and schedule rows.</summary>
    public async Task<Poll> CreateAsync(Poll poll, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = poll with { ScheduleBucket = poll.EndsAt is { } ends ? PollSchedule.BucketFor(ends, now) : null };
        var added = await storage.Polls.AddEntityAsync(PollEntity.ToEntity(stored), ct).ConfigureAwait(false);
        await storage.PollIndex.UpsertEntityAsync(IndexRow(stored), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        if (stored.ScheduleBucket is not null)
            await storage.PollSchedule.UpsertEntityAsync(ScheduleRow(stored), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return stored with { ETag = added.Headers.ETag?.ToString() };
    }

    /// <summary>
    /// Replaces the poll if nobody changed it since <paramref name="before"/> was read (<paramref name="updated"/> is a
    /// changed copy of it); null on a lost race. A close commits its <c>poll.closed</c> with it.
    /// </summary>
    public async Task<Poll?> ReplaceAsync(Poll before, Poll updated, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var bucket = updated.EndsAt is { } ends && updated.ClosedAt is null ? PollSchedule.BucketFor(ends, now) : null;
        var stored = updated with { ScheduleBucket = bucket };
        string? etag;
        try
        {
            etag = await WriteAsync(PollEntity.ToEntity(stored), IfMatch(before.ETag), TableUpdateMode.Replace, PollCloseEvents.For(before, stored),
                ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
        finally
        {
            Invalidate(updated.Id);
        }
        await storage.PollIndex.UpsertEntityAsync(IndexRow(stored), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        if (updated.ScheduleBucket is { } oldBucket && oldBucket != bucket)
            await storage.PollSchedule.DeleteEntityAsync(oldBucket, updated.Id, ETag.All, ct).ConfigureAwait(false);
        if (bucket is not null)
            await storage.PollSchedule.UpsertEntityAsync(ScheduleRow(stored), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        return stored with { ETag = etag };
    }

    /// <summary>Records that a poll closed, unless it already is. Merges only the closing fields, so no other edit is lost.</summary>
    public async Task<bool> MarkClosedAsync(string pollId, string reason, DateTimeOffset closedAt, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var poll = await GetAsync(pollId, ct).ConfigureAwait(false);
            if (poll is null || poll.ClosedAt is not null)
                return false;
            var patch = new TableEntity(pollId, PollEntity.RowKey) { ["ClosedAt"] = closedAt, ["CloseReason"] = reason };
            try
            {
                await WriteAsync(patch, IfMatch(poll.ETag), TableUpdateMode.Merge, PollCloseEvents.Closed(poll, reason, closedAt), ct)
                    .ConfigureAwait(false);
                Invalidate(pollId);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone edited the poll meanwhile: read again and re-check.
            }
        }
        return false;
    }

    /// <summary>Deletes the poll row first (so it is gone for every caller), then its index, schedule and every vote row.</summary>
    public async Task DeleteAsync(Poll poll, CancellationToken ct)
    {
        await storage.Polls.DeleteEntityAsync(poll.Id, PollEntity.RowKey, ETag.All, ct).ConfigureAwait(false);
        Invalidate(poll.Id);
        await storage.PollIndex.DeleteEntityAsync(poll.TenantId, IndexRowKey(poll), ETag.All, ct).ConfigureAwait(false);
        if (poll.ScheduleBucket is { } bucket)
            await storage.PollSchedule.DeleteEntityAsync(bucket, poll.Id, ETag.All, ct).ConfigureAwait(false);
        foreach (var index in VoteKeys.PartitionIndexes(poll.ShardBase, poll.Shards))
        {
            var partition = VoteKeys.Partition(index);
            await storage.PollVotes.DeleteRangeAsync(partition, VoteKeys.VoterRangeStart(poll.Id), VoteKeys.VoterRangeEnd(poll.Id),
                ct: ct).ConfigureAwait(false);
            await storage.PollVotes.DeleteRangeAsync(partition, VoteKeys.TargetRangeStart(poll.Id), VoteKeys.TargetRangeEnd(poll.Id),
                ct: ct).ConfigureAwait(false);
        }
    }

    /// <summary>A voter's record, if this voter has voted on the poll.</summary>
    public Task<TableEntity?> GetVoterAsync(Poll poll, string voterHash, CancellationToken ct) =>
        storage.PollVotes.GetOrNullAsync(VoteKeys.Partition(VoteKeys.PartitionIndex(poll.ShardBase, poll.Shards, voterHash)),
            VoteKeys.VoterRow(poll.Id, voterHash), ct: ct);

    /// <summary>One page of the tenant's polls, newest first, with the total for the Polls API's pagination block.</summary>
    public async Task<(IReadOnlyList<PollSummary> Page, int Total)> ListAsync(string tenantId, int page, int limit, CancellationToken ct)
    {
        var items = new List<PollSummary>();
        var total = 0;
        var skip = (long)(page - 1) * limit;
        await foreach (var row in storage.PollIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}"),
            cancellationToken: ct).ConfigureAwait(false))
        {
            if (total >= skip && items.Count < limit)
                items.Add(ToSummary(row));
            total++;
        }
        return (items, total);
    }

    /// <summary>
    /// Writes the poll row If-Match; with <paramref name="change"/>'s event in the same transaction when there is one, announced
    /// first and relayed after (<see cref="EventOutbox"/>). Returns the row's new ETag; a lost race throws 412 as a plain update does.
    /// </summary>
    private async Task<string?> WriteAsync(TableEntity row, ETag ifMatch, TableUpdateMode mode, DomainEvent? change, CancellationToken ct)
    {
        if (change is null)
            return (await storage.Polls.UpdateEntityAsync(row, ifMatch, mode, ct).ConfigureAwait(false)).Headers.ETag?.ToString();
        var marker = await events.AnnounceAsync(StorageNames.PollsTable, row.PartitionKey, ct).ConfigureAwait(false);
        try
        {
            var action = mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace;
            return (await storage.Polls.SubmitAsync([new(action, row, ifMatch), EventOutbox.Row(row.PartitionKey, change)], ct)
                .ConfigureAwait(false))[0];
        }
        finally
        {
            await events.RelayAsync(marker).ConfigureAwait(false);
        }
    }

    /// <summary>The ETag a poll was read with; "any" only for a poll that was never read from storage.</summary>
    private static ETag IfMatch(string? etag) => etag is null ? ETag.All : new ETag(etag);

    private static string IndexRowKey(Poll poll) =>
        (DateTimeOffset.MaxValue.UtcTicks - poll.CreatedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + poll.Id;

    private static TableEntity IndexRow(Poll poll)
    {
        var row = new TableEntity(poll.TenantId, IndexRowKey(poll))
        {
            ["PollId"] = poll.Id,
            ["Title"] = poll.Title,
            ["Mode"] = poll.Mode,
            ["Published"] = poll.Published,
            ["CreatedAt"] = poll.CreatedAt,
            ["UpdatedAt"] = poll.UpdatedAt,
        };
        if (poll.Description is not null) row["Description"] = poll.Description;
        if (poll.StartsAt is { } starts) row["StartsAt"] = starts;
        if (poll.EndsAt is { } ends) row["EndsAt"] = ends;
        return row;
    }

    private static PollSummary ToSummary(TableEntity row) => new(
        row.GetString("PollId") ?? "",
        row.GetString("Title") ?? "",
        row.GetString("Description"),
        row.GetString("Mode") ?? "poll",
        row.GetBoolean("Published") ?? false,
        row.GetDateTimeOffset("StartsAt"),
        row.GetDateTimeOffset("EndsAt"),
        row.GetDateTimeOffset("CreatedAt") ?? default,
        row.GetDateTimeOffset("UpdatedAt") ?? default);

    private static TableEntity ScheduleRow(Poll poll) =>
        new(poll.ScheduleBucket!, poll.Id) { ["EndsAt"] = poll.EndsAt!.Value };
}
