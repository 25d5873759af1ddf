using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Core.Events;

/// <summary>
/// An endpoint's delivery log (every attempt, newest first, paged with a signed cursor bound to the endpoint), the
/// redelivery of one delivery (its event again, same <c>webhook-id</c>) and the replay of a time range of the tenant's
/// events from the log, e.g. after the receiver was down longer than the retries last.
/// </summary>
public sealed class WebhookDeliveryEndpoints(
    WebhookStore store,
    WebhookDeliveryLog attempts,
    WebhookAttemptScheduler queue,
    EventStore log,
    SignedCursor cursors,
    TimeProvider time)
{
    private const string CursorList = "webhook-deliveries";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;
    private const int PageSize = 100;

    /// <summary>Most events one replay queues; the reply says when the range held more.</summary>
    public const int MaxReplayEvents = 5000;

    /// <summary>The fields a replay's body may carry.</summary>
    public static IReadOnlyList<string> ReplayFields { get; } = ["since", "until", "types"];

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var found = await WebhookLookup.FindAsync(store, context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        var endpoint = found.Value;
        var limit = Paging.ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!limit.IsSuccess)
            return limit.Error.ToResult();
        var scope = WebhookKeys.AttemptPartition(endpoint.TenantId, endpoint.Id);
        var cursor = cursors.Read(context.Request.Query["cursor"].ToString(), CursorList, scope);
        if (!cursor.IsSuccess)
            return cursor.Error.ToResult();
        var (page, continuation) = await attempts.PageAsync(endpoint.TenantId, endpoint.Id, limit.Value, cursor.Value, context.RequestAborted)
            .ConfigureAwait(false);
        var next = continuation is null ? null : cursors.Issue(CursorList, scope, continuation);
        return Results.Json(new WebhookAttemptListView([.. page.Select(WebhookAttemptView.Of)], next, next is not null), ApiJson.Options);
    }

    public async Task<IResult> RedeliverAsync(HttpContext context)
    {
        var found = await WebhookLookup.FindAsync(store, context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        var deliveryId = context.Request.RouteValues["delivery"] as string;
        var attempt = WebhookKeys.IsId(deliveryId, WebhookKeys.DeliveryPrefix)
            ? await attempts.FindDeliveryAsync(found.Value.TenantId, found.Value.Id, deliveryId!, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (attempt is null)
            return WebhookLookup.DeliveryNotFound().ToResult();
        if (Disabled(found.Value) is { } disabled)
            return disabled.ToResult();
        var now = time.GetUtcNow();
        // Spaced: the owner asked for it now, so it is not put off behind the endpoint's failure streak.
        await queue.SendAsync(new WebhookMessage(found.Value.TenantId, found.Value.Id, attempt.DeliveryId, attempt.Sequence, attempt.EventId, 1, now,
            now, Spaced: true), context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new WebhookQueuedView(1, attempt.DeliveryId, false), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> ReplayAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var found = await WebhookLookup.FindAsync(store, context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var now = time.GetUtcNow();
        var fields = new JsonFields(body.Value);
        fields.RejectUnknown(ReplayFields);
        var since = fields.Date("since", required: true);
        var until = fields.Date("until") ?? now;
        var types = WebhookInput.EventTypeList(fields, "types");
        if (fields.Error is null && since >= until)
            fields.Reject("until", "'until' must be after 'since'.");
        if (fields.Error is not null)
            return fields.Error.ToResult();
        if (Disabled(found.Value) is { } disabled)
            return disabled.ToResult();

        var endpoint = found.Value;
        var wanted = types is { Length: > 0 } ? types : endpoint.EventTypes;
        var (queued, after, truncated) = (0, 0L, false);
        while (true)
        {
            var events = await log.ReadAsync(endpoint.TenantId, after, wanted, PageSize, context.RequestAborted, since, until).ConfigureAwait(false);
            var batch = events.Take(MaxReplayEvents - queued).ToArray();
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = context.RequestAborted },
                async (e, token) => await queue.SendAsync(new WebhookMessage(endpoint.TenantId, endpoint.Id, WebhookKeys.NewDeliveryId(),
                    e.Sequence, e.Event.Id, 1, now, now, Spaced: true), token).ConfigureAwait(false)).ConfigureAwait(false);
            queued += batch.Length;
            truncated = batch.Length < events.Count;
            if (truncated || events.Count < PageSize)
                break;
            after = events[^1].Sequence;
        }
        return Results.Json(new WebhookQueuedView(queued, null, truncated), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>A disabled endpoint's deliveries would be dropped unsent: redelivery and replay are refused until it is enabled.</summary>
    private static ApiError? Disabled(WebhookEndpoint endpoint) => endpoint.Enabled ? null : ApiError.Conflict(
        "The webhook endpoint is disabled" + (endpoint.DisabledReason is { } why ? $" ({why})" : "") + "; enable it (PATCH enabled: true) first.",
        "webhook_disabled");
}
