using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The event a change of a survey's status causes: <c>survey.started</c>, <c>survey.paused</c> or <c>survey.closed</c> (with
/// its reason: manual, stop date or quota). Written in the same transaction as the change (<see cref="SurveyStore.UpdateAsync"/>),
/// so it exists exactly when the change committed. Edits that keep the status cause none.
/// </summary>
public static class SurveyTransitionEvents
{
    public static DomainEvent? For(Survey before, Survey after)
    {
        if (before.Status == after.Status)
            return null;
        var type = after.Status switch
        {
            SurveyStatus.Active => EventTypes.SurveyStarted,
            SurveyStatus.Paused => EventTypes.SurveyPaused,
            SurveyStatus.Closed => EventTypes.SurveyClosed,
            _ => null,
        };
        if (type is null)
            return null;
        var occurredAt = after.Status == SurveyStatus.Closed && after.ClosedAt is { } closedAt ? closedAt : after.UpdatedAt;
        return new DomainEvent
        {
            // Unique to this transition: the one copy is the one its own transaction committed.
            Key = $"{type}|{after.TenantId}|{after.Uuid}|{Guid.NewGuid():N}",
            Type = type,
            TenantId = after.TenantId,
            OccurredAt = occurredAt,
            Resource = new JsonObject { ["survey_uuid"] = after.Uuid, ["survey_id"] = after.Id },
            Data = new JsonObject
            {
                ["survey_uuid"] = after.Uuid,
                ["survey_id"] = after.Id,
                ["name"] = after.Name,
                ["status"] = after.Status.ToWire(),
                ["previous_status"] = before.Status.ToWire(),
                ["close_reason"] = after.ClosedReason,
                ["closed_at"] = DomainEvent.Instant(after.ClosedAt),
            },
        };
    }
}
