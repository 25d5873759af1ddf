using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Core.Events;

/// <summary>An endpoint as the API shows it (snake_case): never its secret, except once in <see cref="WebhookCreatedView"/>.</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description,
    string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? PreviousSecretExpiresAt)
{
    public static WebhookView Of(WebhookEndpoint e, DateTimeOffset now) => new(e.Id, e.Url, e.EventTypes, e.Enabled, e.Description,
        e.DisabledReason, e.CreatedAt, e.UpdatedAt, e.PreviousSecretUntil > now ? e.PreviousSecretUntil : null);
}

/// <summary>The reply to a creation: the endpoint and its signing secret, shown this once.</summary>
public sealed record WebhookCreatedView(string Id, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description,
    string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret);

/// <summary>The reply to a rotation: the new secret, shown this once, and until when the old one still signs too.</summary>
public sealed record WebhookSecretView(string Id, string Secret, DateTimeOffset? PreviousSecretExpiresAt);

public sealed record WebhookListView(IReadOnlyList<WebhookView> Webhooks);

/// <summary>One attempt in the delivery log; <c>status_code</c> null when no reply came (then <c>error</c> says why).</summary>
public sealed record WebhookAttemptView(string DeliveryId, string EventId, string EventType, int Attempt, DateTimeOffset AttemptedAt,
    int? StatusCode, string? Error, long LatencyMs, string? Response, DateTimeOffset? NextRetryAt)
{
    public static WebhookAttemptView Of(WebhookAttempt a) => new(a.DeliveryId, a.EventId, a.EventType, a.Attempt, a.AttemptedAt, a.StatusCode,
        a.Error, a.LatencyMs, a.Reply, a.NextRetryAt);
}

public sealed record WebhookAttemptListView(IReadOnlyList<WebhookAttemptView> Deliveries, string? NextCursor, bool HasMore);

/// <summary>
/// A redelivery or replay accepted: how many deliveries were queued; for a redelivery its delivery id; for a replay whether
/// the range held more events than one replay sends (<c>truncated</c>: replay again from the last one's time).
/// </summary>
public sealed record WebhookQueuedView(int Queued, string? DeliveryId, bool Truncated);
