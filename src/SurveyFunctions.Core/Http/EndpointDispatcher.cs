using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// The edge, for either host: applies the route's rate limit, authenticates once in the auth forms the route's family
/// documents, runs the handler, and renders every error in the family's envelope. Expected failures are values
/// (<see cref="ErrorResult"/>); anything unexpected becomes the family's 500 (or 503 for storage outages) instead of a
/// stack trace.
/// </summary>
public sealed class EndpointDispatcher(EndpointRateLimiter rateLimiter, ILogger<EndpointDispatcher> logger)
{
    private readonly Dictionary<string, EndpointDefinition> _byName = RouteTable.All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Entry point for the Functions adapters, which know their endpoint by name.</summary>
    public Task<IResult> InvokeAsync(string endpointName, HttpRequest request)
    {
        if (!_byName.TryGetValue(endpointName, out var endpoint))
            throw new InvalidOperationException($"No endpoint named '{endpointName}' in the route table.");
        RouteMatching.BindMissing(endpoint, request);
        return InvokeAsync(endpoint, request.HttpContext);
    }

    public async Task<IResult> InvokeAsync(EndpointDefinition endpoint, HttpContext context)
    {
        try
        {
            // Before authentication: a refused request costs no key lookup and reaches no handler, so nothing is written.
            if (await rateLimiter.CheckAsync(endpoint.RateLimit, context).ConfigureAwait(false) is { } refused)
                return Refuse(endpoint, refused, context);
            // An address that has used up its failed authentications gets no key lookup for anything it presents, a valid
            // key included (the trade-off, see README "Rate limits"); a request without a key costs no lookup and goes on.
            var tenantKey = TenantKeyOf(endpoint, context.Request);
            var presentsKey = tenantKey is not null || (endpoint.Auth == EndpointAuth.Admin && context.Request.Headers.ContainsKey(AdminKeyGuard.Header));
            if (presentsKey && rateLimiter.CheckAuthFailureBudget(context) is { } locked)
                return Refuse(endpoint, locked, context);
            if (await AuthorizeAsync(endpoint, tenantKey, context).ConfigureAwait(false) is { } denied)
            {
                if (presentsKey && denied.Kind == ErrorKind.Unauthorized)
                    rateLimiter.CountAuthFailure(context);
                return endpoint.Family.Render(denied, context);
            }
            var result = await endpoint.Handler(context).ConfigureAwait(false);
            return result is ErrorResult error ? endpoint.Family.Render(error.Error, context) : result;
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
            return endpoint.Family.Render(ApiError.BadRequest("The request contains a value that cannot be stored (an id or text with characters storage does not accept)."), context);
        }
        catch (Exception ex) when (Platform.StorageFailures.IsUnavailable(ex))
        {
            Log.StorageUnavailable(logger, ex, endpoint.Name, Platform.StorageFailures.Describe(ex));
            return endpoint.Family.Render(ApiError.StorageUnavailable(), context);
        }
        catch (Exception ex)
        {
            Log.UnhandledError(logger, ex, endpoint.Name);
            return endpoint.Family.Render(ApiError.Internal(), context);
        }
    }

    private static IResult Refuse(EndpointDefinition endpoint, RateLimitRefusal refused, HttpContext context)
    {
        context.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return endpoint.Family.Render(refused.Error, context);
    }

    /// <summary>The tenant key the request presents in a form its family accepts, for routes that take one; read once per request.</summary>
    private static string? TenantKeyOf(EndpointDefinition endpoint, HttpRequest request) =>
        endpoint.Auth is EndpointAuth.Tenant or EndpointAuth.StandardPlanTenant or EndpointAuth.OptionalTenant
            ? ApiKeyAuthenticator.FindPresentedKey(request, endpoint.Family.AcceptsQueryToken())
            : null;

    /// <summary>Null when the caller may go on (the tenant, if any, is then on the context), else the error to answer.</summary>
    private static async Task<ApiError?> AuthorizeAsync(EndpointDefinition endpoint, string? tenantKey, HttpContext context)
    {
        switch (endpoint.Auth)
        {
            case EndpointAuth.Admin:
                return context.RequestServices.GetRequiredService<AdminKeyGuard>().Check(context.Request);
            case EndpointAuth.Tenant:
            case EndpointAuth.StandardPlanTenant:
            case EndpointAuth.OptionalTenant:
                if (endpoint.Auth == EndpointAuth.OptionalTenant && tenantKey is null)
                    return null;
                var tenant = await context.RequestServices.GetRequiredService<ApiKeyAuthenticator>()
                    .AuthenticateAsync(tenantKey, endpoint.Family.AcceptsQueryToken(), context.RequestAborted).ConfigureAwait(false);
                if (!tenant.IsSuccess)
                    return tenant.Error;
                if (endpoint.Auth == EndpointAuth.StandardPlanTenant && tenant.Value.Plan < TenantPlan.Standard)
                    return TenantPlans.StandardPlanRequired(tenant.Value.Plan);
                context.SetTenant(tenant.Value);
                return null;
            default:
                return null;
        }
    }
}
