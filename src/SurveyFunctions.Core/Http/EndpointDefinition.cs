using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.RateLimiting;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// One HTTP endpoint: its stable name (the Functions adapter's <c>[Function]</c> name), family, route template
/// (ASP.NET Core syntax, no leading slash, as Azure Functions writes it with <c>routePrefix: ""</c>), methods, who may
/// call it, how fast (its <see cref="RateLimit"/> policy), and the handler. The handler runs after authentication
/// (<see cref="TenantAccess.Tenant"/> is set for <see cref="EndpointAuth.Tenant"/>) and may return
/// <see cref="ApiError.ToResult"/>: the dispatcher renders it in the family's envelope.
/// </summary>
public sealed record EndpointDefinition(
    string Name,
    ApiFamily Family,
    string Route,
    IReadOnlyList<string> Methods,
    EndpointAuth Auth,
    RateLimit RateLimit,
    Func<HttpContext, Task<IResult>> Handler);
