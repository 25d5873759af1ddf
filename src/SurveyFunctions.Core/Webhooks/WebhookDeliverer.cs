using System.Text.Json;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Json;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// The delivery job: one queue message is one attempt (<see cref="WebhookMessage"/>). It sends the event as the feed shows
/// it, signed, with <c>webhook-id</c> = the event id on every attempt, logs the attempt, and settles what follows: 2xx is
/// delivered; 410 disables the endpoint; anything else is queued again for later (<see cref="WebhookRetryPolicy"/>) until
/// the retry period is over. A new delivery to an endpoint that is failing waits once for the streak's backoff first, so a
/// dead endpoint is not hit by every new event at once. Each attempt is its own message, so a slow endpoint holds up no
/// other. The next attempt is queued before the message is done: a crash in between repeats an attempt (same
/// <c>webhook-id</c>, which receivers dedupe on) and never loses one.
/// </summary>
public sealed class WebhookDeliverer(
    WebhookStore store,
    EventStore log,
    WebhookSecrets secrets,
    WebhookSender sender,
    WebhookAttemptScheduler queue,
    WebhookDeliveryLog attempts,
    WebhookEndpointHealth health,
    WebhookRetryPolicy retries,
    TimeProvider time,
    ILogger<WebhookDeliverer> logger)
{
    /// <summary>A failing endpoint's new deliveries wait at most this many backoff steps (80 s by default) before their first attempt.</summary>
    private const int SpacingSteps = 3;

    public async Task ProcessMessageAsync(string text, CancellationToken ct)
    {
        if (WebhookMessage.Parse(text) is not { } message)
        {
            Log.WebhookMessageUnreadable(logger);
            return;
        }
        var now = time.GetUtcNow();
        if (message.DueAt > now)
        {
            await queue.SendAsync(message, ct).ConfigureAwait(false);
            return;
        }
        var endpoint = await store.GetAsync(message.TenantId, message.EndpointId, ct).ConfigureAwait(false);
        if (endpoint is null || !endpoint.Enabled)
            return;
        if (message.Attempt == 1 && !message.Spaced && endpoint.ConsecutiveFailures > 0)
        {
            var wait = retries.Backoff(Math.Min(endpoint.ConsecutiveFailures, SpacingSteps));
            await queue.SendAsync(message with { DueAt = now + wait, Spaced = true }, ct).ConfigureAwait(false);
            return;
        }
        var stored = await log.GetAsync(message.TenantId, message.Sequence, ct).ConfigureAwait(false);
        if (stored is null || stored.Event.Id != message.EventId)
        {
            await RecordAsync(message, "", now, new(null, "The event is no longer in the event log (past its retention period).", 0, null, null),
                null, ct).ConfigureAwait(false);
            return;
        }
        var body = JsonSerializer.Serialize(stored.ToView(), ApiJson.Options);
        var signing = endpoint.SigningSecrets(now).Select(secrets.Unprotect).ToArray();
        var result = await sender.SendAsync(endpoint.Url, message.EventId, body, signing, ct).ConfigureAwait(false);
        await SettleAsync(message, endpoint, stored.Event.Type, now, result, ct).ConfigureAwait(false);
    }

    private async Task SettleAsync(WebhookMessage message, WebhookEndpoint endpoint, string type, DateTimeOffset now, WebhookSendResult result,
        CancellationToken ct)
    {
        if (result.StatusCode is >= 200 and < 300)
        {
            await RecordAsync(message, type, now, result, null, ct).ConfigureAwait(false);
            await health.SucceededAsync(endpoint, ct).ConfigureAwait(false);
            return;
        }
        if (result.StatusCode == 410)
        {
            await RecordAsync(message, type, now, result, null, ct).ConfigureAwait(false);
            await health.GoneAsync(endpoint, now, ct).ConfigureAwait(false);
            return;
        }
        var what = result.Error ?? $"HTTP {result.StatusCode}";
        var disabled = await health.FailedAsync(endpoint, now, what, ct).ConfigureAwait(false);
        var next = disabled ? null : retries.NextAttempt(message, now, result.RetryAfter);
        if (next is { } due)
            await queue.SendAsync(message with { Attempt = message.Attempt + 1, DueAt = due }, ct).ConfigureAwait(false);
        await RecordAsync(message, type, now, result, next, ct).ConfigureAwait(false);
    }

    private Task RecordAsync(WebhookMessage message, string type, DateTimeOffset now, WebhookSendResult result, DateTimeOffset? next,
        CancellationToken ct) =>
        attempts.RecordAsync(message.TenantId, message.EndpointId, new WebhookAttempt(message.DeliveryId, message.EventId, message.Sequence, type,
            message.Attempt, now, result.StatusCode, result.Error, result.LatencyMs, result.Reply, next), ct);
}
