using SurveyFunctions.Core.EventLog;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// A tenant's webhook endpoint: where its events go, which types (empty: all), whether it is on and why it was switched
/// off. <see cref="Secret"/> and <see cref="PreviousSecret"/> are as stored (<see cref="WebhookSecrets.Protect"/>), never
/// in the clear; the previous one signs beside the current one until <see cref="PreviousSecretUntil"/>. The failure streak
/// (<see cref="FailingSince"/>, <see cref="ConsecutiveFailures"/>) spaces new deliveries and disables a dead endpoint.
/// </summary>
public sealed record WebhookEndpoint
{
    public required string TenantId { get; init; }
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> EventTypes { get; init; }
    public required bool Enabled { get; init; }
    public string? Description { get; init; }
    public string? DisabledReason { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required string Secret { get; init; }
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretUntil { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public DateTimeOffset? LastFailureAt { get; init; }
    public int ConsecutiveFailures { get; init; }

    /// <summary>Whether <paramref name="e"/> goes to this endpoint: on, of a wanted type, and recorded after it was created.</summary>
    public bool Wants(StoredEvent e) =>
        Enabled && e.RecordedAt >= CreatedAt && (EventTypes.Count == 0 || EventTypes.Contains(e.Event.Type, StringComparer.Ordinal));

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one during its grace period.</summary>
    public IEnumerable<string> SigningSecrets(DateTimeOffset now) =>
        PreviousSecret is not null && PreviousSecretUntil > now ? [Secret, PreviousSecret] : [Secret];
}
