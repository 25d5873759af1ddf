using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// How a route honours <c>Idempotency-Key</c> (declared with <see cref="Routing.RouteGroup.Idempotent"/>). Keys are scoped to
/// the caller the edge authenticated (the tenant, or the credential of a public route); a public route whose credential
/// travels in the body (the vote's embed token) names it with <paramref name="PublicScope"/>. <paramref name="RequestHeaders"/>
/// are request headers that belong to the request as much as its body (Take's session token), so they join its fingerprint.
/// </summary>
public sealed record IdempotencyPolicy(
    Func<HttpContext, Task<string?>>? PublicScope = null,
    IReadOnlyList<string>? RequestHeaders = null);
