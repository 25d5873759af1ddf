using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// The edge, for either host: applies the route's rate limit, authenticates once in the auth forms the route's family
/// documents, runs the handler (once per <c>Idempotency-Key</c> on a route declared idempotent), and renders every error in
/// the family's envelope. Expected failures are values
/// (<see cref="ErrorResult"/>); anything unexpected becomes the family's 500 (or 503 for storage outages) instead of a
/// stack trace.
/// </summary>
public sealed class EndpointDispatcher(
    EndpointCatalog catalog,
    EndpointRateLimiter rateLimiter,
    ICredentialChecker credentials,
    IdempotentRequests idempotent,
    ILogger<EndpointDispatcher> logger)
{
    /// <summary>
    /// Entry point for the Functions adapters: one function per route template, with no method constraint, so the method
    /// picks the endpoint here; a method the template does not serve gets the same 405 as the standalone host's.
    /// </summary>
    public Task<IResult> InvokeAsync(string template, HttpRequest request)
    {
        if (catalog.Find(template, request.Method) is not { } endpoint)
            return Task.FromResult(RouteFallback.Answer(request.HttpContext));
        catalog.BindMissing(template, request);
        return InvokeAsync(endpoint, request.HttpContext);
    }

    public async Task<IResult> InvokeAsync(EndpointDefinition endpoint, HttpContext context)
    {
        try
        {
            // Kept readable for the key's fingerprint, whoever reads the body first (the vote's rate limit does).
            if (endpoint.Idempotency is not null && context.Request.Headers.ContainsKey(IdempotencyKeys.Header))
                context.Request.EnableBuffering();
            // The credential is read once; an anonymous route reads none (a key sent there is ignored).
            var presented = endpoint.Auth == EndpointAuth.Anonymous ? null : credentials.Presented(endpoint, context.Request);
            // Before authentication: a refused request costs no key lookup and reaches no handler, so nothing is written.
            var caller = credentials.RateLimitCaller(endpoint, context.Request, presented);
            if (await rateLimiter.CheckAsync(endpoint.RateLimit, context, caller).ConfigureAwait(false) is { } refused)
                return Refuse(endpoint, refused, context);
            // An address that has used up its failed authentications gets no lookup for anything it presents, a valid
            // credential included (the trade-off, see README "Rate limits"); a request without one costs no lookup and goes on.
            if (presented is not null && rateLimiter.CheckAuthFailureBudget(context) is { } locked)
                return Refuse(endpoint, locked, context);
            if (endpoint.Auth != EndpointAuth.Anonymous && await credentials.CheckAsync(endpoint, presented,
                context).ConfigureAwait(false) is { } denied)
            {
                if (presented is not null && denied.Kind == ErrorKind.Unauthorized)
                    rateLimiter.CountAuthFailure(context);
                return endpoint.Family.Render(denied, context);
            }
            return endpoint.Idempotency is null
                ? await RunHandlerAsync(endpoint, context).ConfigureAwait(false)
                : await RunIdempotentAsync(endpoint, context, presented).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return endpoint.Family.Render(ApiError.PayloadTooLarge(RequestLimits.MaxBodyBytes), context);
        }
        catch (BadHttpRequestException ex)
        {
            return endpoint.Family.Render(ApiError.BadRequest(ex.Message), context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing will read this, but the host still wants a result.
            return Results.Empty;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == StatusCodes.Status400BadRequest)
        {
            // Storage refused a value we sent (the SDK checks no keys before sending). Ids are checked before any storage
            // call, so this is a gap in our validation: logged loudly, but still the caller's bad input, not a 500.
            Log.StorageRejectedInput(logger, ex, endpoint.Name, ex.ErrorCode ?? "");
            return endpoint.Family.Render(ApiError.BadRequest(
                "The request contains a value that cannot be stored (an id or text with characters storage does not accept)."), context);
        }
        catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
        {
            Log.StorageUnavailable(logger, ex, endpoint.Name, StorageFailures.Describe(ex));
            return endpoint.Family.Render(ApiError.StorageUnavailable(), context);
        }
        catch (Exception ex)
        {
            Log.UnhandledError(logger, ex, endpoint.Name);
            return endpoint.Family.Render(ApiError.Internal(), context);
        }
    }

    private static async Task<IResult> RunHandlerAsync(EndpointDefinition endpoint, HttpContext context)
    {
        var result = await endpoint.Handler(context).ConfigureAwait(false);
        return result is ErrorResult error ? endpoint.Family.Render(error.Error, context) : result;
    }

    /// <summary>
    /// A route declared idempotent: with an <c>Idempotency-Key</c>, the handler runs once per key in the caller's scope (the
    /// authenticated tenant or credential, else what the route names, such as the vote's embed token); without one, as any route.
    /// </summary>
    private async Task<IResult> RunIdempotentAsync(EndpointDefinition endpoint, HttpContext context, string? presented)
    {
        var key = IdempotencyKeys.Read(context.Request);
        if (!key.IsSuccess)
            return endpoint.Family.Render(key.Error, context);
        if (key.Value is null)
            return await RunHandlerAsync(endpoint, context).ConfigureAwait(false);
        var scope = credentials.IdempotencyScope(endpoint, context, presented)
            ?? (endpoint.Idempotency!.PublicScope is { } publicScope ? await publicScope(context).ConfigureAwait(false) : null);
        // No caller to scope the key to: the handler refuses such a request anyway (no token), so there is nothing to repeat.
        if (scope is null)
            return await RunHandlerAsync(endpoint, context).ConfigureAwait(false);
        return await idempotent.RunAsync(endpoint, context, scope, key.Value, () => RunHandlerAsync(endpoint, context)).ConfigureAwait(false);
    }

    private static IResult Refuse(EndpointDefinition endpoint, RateLimitRefusal refused, HttpContext context)
    {
        context.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return endpoint.Family.Render(refused.Error, context);
    }
}
