using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// Runs a request that carries an <c>Idempotency-Key</c> at most once per caller, route and key for
/// <c>IdempotencyKeyHours</c>: the first claims the key (an insert), runs, and stores its answer; a retry with the same request
/// gets that answer again, byte for byte; the same key with another request is 422; a request arriving while the first still
/// runs is 409 (no waiting: the client retries, as it would after a timeout). An answer of 5xx, or a crash, releases the key
/// (at once, or when the lease ends), so a retry runs again; 4xx answers are stored and replayed like successes.
/// </summary>
public sealed partial class IdempotentRequests(IdempotencyStore store, IOptions<SurveyFunctionsOptions> options, TimeProvider time,
    ILogger<IdempotentRequests> logger)
{
    private const int MaxAttempts = 3;

    /// <summary>
    /// Runs <paramref name="run"/> under the key in <paramref name="key"/> for <paramref name="scope"/>; the body must be buffered
    /// (<see cref="HttpRequestRewindExtensions.EnableBuffering(HttpRequest)"/>). The answer is always a <see cref="StoredResponse"/>
    /// or the family's error.
    /// </summary>
    public async Task<IResult> RunAsync(EndpointDefinition endpoint, HttpContext context, string scope, string key, Func<Task<IResult>> run)
    {
        var body = await ReadBufferedBodyAsync(context.Request).ConfigureAwait(false);
        if (body is null)
            return endpoint.Family.Render(ApiError.PayloadTooLarge(RequestLimits.MaxBodyBytes), context);
        var fingerprint = IdempotencyKeys.Fingerprint(context.Request, endpoint.Route, endpoint.Idempotency!, body);
        var rowKey = IdempotencyKeys.RowKey(context.Request.Method, endpoint.Route, key);
        var ct = context.RequestAborted;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var expiresAt = now.AddHours(options.Value.IdempotencyKeyHours);
            var leaseUntil = now.AddSeconds(options.Value.IdempotencyLeaseSeconds);
            var claim = await store.TryClaimAsync(scope, rowKey, fingerprint, leaseUntil, expiresAt, ct).ConfigureAwait(false);
            if (claim is null)
            {
                var row = await store.GetAsync(scope, rowKey, ct).ConfigureAwait(false);
                if (row is null)
                    continue;
                var live = now < (row.Done ? row.ExpiresAt : row.LeaseUntil);
                if (live && row.Fingerprint != fingerprint)
                    return endpoint.Family.Render(KeyReused(), context);
                if (live && row.Response is { } stored)
                    return stored;
                if (live)
                    return InProgress(endpoint, context);
                claim = await store.TryTakeOverAsync(row, fingerprint, leaseUntil, expiresAt, ct).ConfigureAwait(false);
                if (claim is null)
                    continue;
            }
            return await RunClaimedAsync(context, scope, rowKey, claim.Value, fingerprint, expiresAt, run).ConfigureAwait(false);
        }
        // Rows claimed and released under us again and again: as busy as a running request, and the client retries the same way.
        return InProgress(endpoint, context);
    }

    private async Task<IResult> RunClaimedAsync(HttpContext context, string scope, string rowKey, Azure.ETag claim, string fingerprint,
        DateTimeOffset expiresAt, Func<Task<IResult>> run)
    {
        StoredResponse response;
        try
        {
            var before = StoredResponse.HeadersOf(context.Response);
            response = await StoredResponse.CaptureAsync(await run().ConfigureAwait(false), context, before).ConfigureAwait(false);
        }
        catch
        {
            // The dispatcher answers the failure (500, 503, …); the key must not keep answering it.
            await store.DeleteAsync(scope, rowKey, claim, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        if (response.StatusCode >= 500 || response.Body.Length > IdempotencyStore.MaxBodyBytes)
        {
            if (response.StatusCode < 500)
                Log.AnswerTooLargeToKeep(logger, response.Body.Length);
            await store.DeleteAsync(scope, rowKey, claim, CancellationToken.None).ConfigureAwait(false);
            return response;
        }
        // Not the client's token: the work is done, so its answer is kept even if the client has gone.
        await store.CompleteAsync(scope, rowKey, claim, fingerprint, expiresAt, response, CancellationToken.None).ConfigureAwait(false);
        return response;
    }

    /// <summary>The whole body, read from the buffered stream and rewound for the handler; null when larger than allowed.</summary>
    private static async Task<byte[]?> ReadBufferedBodyAsync(HttpRequest request)
    {
        request.Body.Position = 0;
        using var buffer = await JsonBody.ReadBoundedAsync(request.Body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.Body.Position = 0;
        return buffer?.ToArray();
    }

    public static ApiError KeyReused() => new(ErrorKind.UnprocessableContent, "idempotency_key_reused",
        $"This {IdempotencyKeys.Header} was used with a different request (another body, path or query) in the last hours; " +
        "use a new key for a new request.");

    public static ApiError KeyInProgress() => ApiError.Conflict(
        $"A request with this {IdempotencyKeys.Header} is still in progress; retry after it has finished.", "idempotency_key_in_progress");

    private static IResult InProgress(EndpointDefinition endpoint, HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        return endpoint.Family.Render(KeyInProgress(), context);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Warning,
            Message = "An answer of {Bytes} bytes is too large to keep for Idempotency-Key replays; the key was released.")]
        public static partial void AnswerTooLargeToKeep(ILogger logger, int bytes);
    }
}
