namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// One delivery attempt as the delivery log shows it: the HTTP status or the error (timeout, refused address…), how long
/// it took, the first characters of the reply, and when the next attempt is due (null: delivered, or given up). The
/// event's <see cref="Sequence"/> in the tenant's log is what a redelivery sends again.
/// </summary>
public sealed record WebhookAttempt(
    string DeliveryId,
    string EventId,
    long Sequence,
    string EventType,
    int Attempt,
    DateTimeOffset AttemptedAt,
    int? StatusCode,
    string? Error,
    long LatencyMs,
    string? Reply,
    DateTimeOffset? NextRetryAt)
{
    /// <summary>Most characters of a reply kept in the log.</summary>
    public const int MaxReplyChars = 256;

    public bool Delivered => StatusCode is >= 200 and < 300;
}
