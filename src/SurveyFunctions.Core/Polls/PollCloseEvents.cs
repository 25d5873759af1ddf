using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// <c>poll.closed</c>, with its reason (<c>manual</c>, <c>ends_at</c>, <c>max_responses</c>): written in the same transaction
/// as the close (<see cref="PollStore"/>), so it exists exactly when the close committed.
/// </summary>
public static class PollCloseEvents
{
    /// <summary>The event of <paramref name="after"/>'s close, when <paramref name="before"/> was open and it is closed.</summary>
    public static DomainEvent? For(Poll before, Poll after) =>
        before.ClosedAt is null && after.ClosedAt is { } closedAt ? Closed(after, after.CloseReason ?? CloseReasons.Manual, closedAt) : null;

    public static DomainEvent Closed(Poll poll, string reason, DateTimeOffset closedAt) => new()
    {
        // Unique to this close: the one copy is the one its own transaction committed (a poll may be reopened and closed again).
        Key = $"{EventTypes.PollClosed}|{poll.TenantId}|{poll.Id}|{Guid.NewGuid():N}",
        Type = EventTypes.PollClosed,
        TenantId = poll.TenantId,
        OccurredAt = closedAt,
        Resource = new JsonObject { ["poll_id"] = poll.Id },
        Data = new JsonObject
        {
            ["poll_id"] = poll.Id,
            ["title"] = poll.Title,
            ["close_reason"] = reason,
            ["closed_at"] = DomainEvent.Instant(closedAt),
        },
    };
}
