using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// The credential checks behind <see cref="EndpointAuth"/>, implemented where the credentials live (the composition root
/// wires them), so the dispatcher checks every form the same way: once, before the handler, with failures counted
/// against the caller's failed-authentication budget.
/// </summary>
public interface ICredentialChecker
{
    /// <summary>The credential the request presents in a form the endpoint accepts, or null when it presents none.</summary>
    string? Presented(EndpointDefinition endpoint, HttpRequest request);

    /// <summary>
    /// The credential the route's per-caller rate limit counts, from <paramref name="presented"/>: the one that names the
    /// caller the limit is about (a response's access token, not an owner's API key sent to the same route), or null.
    /// </summary>
    string? RateLimitCaller(EndpointDefinition endpoint, HttpRequest request, string? presented);

    /// <summary>
    /// Null when the caller may go on (what was authenticated is then on the context for the handler), else the error to
    /// answer. <paramref name="presented"/> is what <see cref="Presented"/> returned.
    /// </summary>
    /// <summary>
    /// After <see cref="CheckAsync"/> let the caller in: whose <c>Idempotency-Key</c>s this request's are (the tenant's, or a
    /// hash of the public credential it presented), or null when it authenticated none.
    /// </summary>
    string? IdempotencyScope(EndpointDefinition endpoint, HttpContext context, string? presented);

    Task<ApiError?> CheckAsync(EndpointDefinition endpoint, string? presented, HttpContext context);
}
