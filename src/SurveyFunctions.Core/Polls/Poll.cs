namespace SurveyFunctions.Core.Polls;

/// <summary>An answer option. <see cref="Slot"/> is the stable internal column its votes are counted in; never reused.</summary>
public sealed record PollOption(string Id, string Label, int Slot);

/// <summary>A poll as stored. Settings follow the Polls API's "Poll settings" table.</summary>
public sealed record Poll
{
    public required string Id { get; init; }
    public required string TenantId { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public string Mode { get; init; } = "poll";
    public required IReadOnlyList<PollOption> Options { get; init; }
    public bool AllowMultiple { get; init; }
    public bool ShowResultsBeforeVote { get; init; }
    public bool ShowResultsAfterVote { get; init; } = true;
    public bool Anonymous { get; init; }
    public DateTimeOffset? StartsAt { get; init; }
    public DateTimeOffset? EndsAt { get; init; }
    public long? MaxResponses { get; init; }
    public string? CloseMessage { get; init; }
    public bool Published { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? CloseReason { get; init; }

    /// <summary>Partitions for voter records and counters. 1 when <see cref="MaxResponses"/> is set, so the cap is exact.</summary>
    public int Shards { get; init; } = 1;

    /// <summary>First vote partition the poll uses: its pinned partition when <see cref="Shards"/> is 1, else 0.</summary>
    public int ShardBase { get; init; }

    /// <summary>Per-poll secret mixed into voter hashes, so fingerprints cannot be correlated across polls.</summary>
    public required string Salt { get; init; }

    public int NextSlot { get; init; }

    /// <summary>The pollschedule partition holding this poll's closing entry, so a changed <c>ends_at</c> can move it.</summary>
    public string? ScheduleBucket { get; init; }

    public string? ETag { get; init; }

    /// <summary>What the vote pipeline counts this poll's votes into: its id, capped by <see cref="MaxResponses"/>.</summary>
    public Counting.CounterTarget CounterTarget => new(Id, MaxResponses);

    public PollOption? FindOption(string optionId)
    {
        foreach (var option in Options)
        {
            if (option.Id == optionId)
                return option;
        }
        return null;
    }
}

/// <summary>Why a poll closed, as recorded in <c>close_reason</c>.</summary>
public static class CloseReasons
{
    public const string EndsAt = "ends_at";
    public const string MaxResponses = "max_responses";
    public const string Manual = "manual";
}
