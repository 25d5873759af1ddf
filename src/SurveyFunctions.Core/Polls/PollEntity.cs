using System.Text.Json;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Polls;

/// <summary>Maps a <see cref="Poll"/> to its row in the polls table (PK poll id, RK "") and back.</summary>
internal static class PollEntity
{
    public const string RowKey = "";

    public static TableEntity ToEntity(Poll poll)
    {
        var entity = new TableEntity(poll.Id, RowKey)
        {
            ["TenantId"] = poll.TenantId,
            ["Title"] = poll.Title,
            ["Mode"] = poll.Mode,
            ["Options"] = JsonSerializer.Serialize(poll.Options.Select(o => new StoredOption(o.Id, o.Label, o.Slot)).ToArray(),
                StoredOptionJson.Options),
            ["AllowMultiple"] = poll.AllowMultiple,
            ["ShowResultsBeforeVote"] = poll.ShowResultsBeforeVote,
            ["ShowResultsAfterVote"] = poll.ShowResultsAfterVote,
            ["Anonymous"] = poll.Anonymous,
            ["Published"] = poll.Published,
            ["CreatedAt"] = poll.CreatedAt,
            ["UpdatedAt"] = poll.UpdatedAt,
            ["Shards"] = poll.Shards,
            ["ShardBase"] = poll.ShardBase,
            ["Salt"] = poll.Salt,
            ["NextSlot"] = poll.NextSlot,
        };
        // Absent rather than null: Table Storage has no nulls, and a Replace drops what is not sent.
        if (poll.Description is not null) entity["Description"] = poll.Description;
        if (poll.StartsAt is { } starts) entity["StartsAt"] = starts;
        if (poll.EndsAt is { } ends) entity["EndsAt"] = ends;
        if (poll.MaxResponses is { } max) entity["MaxResponses"] = max;
        if (poll.CloseMessage is not null) entity["CloseMessage"] = poll.CloseMessage;
        if (poll.ClosedAt is { } closed) entity["ClosedAt"] = closed;
        if (poll.CloseReason is not null) entity["CloseReason"] = poll.CloseReason;
        if (poll.ScheduleBucket is not null) entity["ScheduleBucket"] = poll.ScheduleBucket;
        return entity;
    }

    public static Poll FromEntity(TableEntity e)
    {
        var options = JsonSerializer.Deserialize<StoredOption[]>(e.GetString("Options") ?? "[]", StoredOptionJson.Options) ?? [];
        return new Poll
        {
            Id = e.PartitionKey,
            TenantId = e.GetString("TenantId") ?? "",
            Title = e.GetString("Title") ?? "",
            Description = e.GetString("Description"),
            Mode = e.GetString("Mode") ?? "poll",
            Options = options.Select(o => new PollOption(o.Id, o.Label, o.Slot)).ToArray(),
            AllowMultiple = e.GetBoolean("AllowMultiple") ?? false,
            ShowResultsBeforeVote = e.GetBoolean("ShowResultsBeforeVote") ?? false,
            ShowResultsAfterVote = e.GetBoolean("ShowResultsAfterVote") ?? true,
            Anonymous = e.GetBoolean("Anonymous") ?? false,
            Published = e.GetBoolean("Published") ?? false,
            StartsAt = e.GetDateTimeOffset("StartsAt"),
            EndsAt = e.GetDateTimeOffset("EndsAt"),
            MaxResponses = e.GetInt64("MaxResponses"),
            CloseMessage = e.GetString("CloseMessage"),
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            CloseReason = e.GetString("CloseReason"),
            Shards = e.GetInt32("Shards") ?? 1,
            ShardBase = e.GetInt32("ShardBase") ?? 0,
            Salt = e.GetString("Salt") ?? "",
            NextSlot = e.GetInt32("NextSlot") ?? options.Length,
            ScheduleBucket = e.GetString("ScheduleBucket"),
            ETag = e.ETag.ToString(),
        };
    }

    private sealed record StoredOption(string Id, string Label, int Slot);

    private static class StoredOptionJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
