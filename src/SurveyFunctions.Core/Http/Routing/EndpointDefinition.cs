using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Idempotency;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// One HTTP endpoint: its stable name, family, the path prefix of its family's route group (which decides the envelope of
/// errors on unknown paths below it), route template (ASP.NET Core syntax, no leading slash, as Azure Functions writes it
/// with <c>routePrefix: ""</c>), methods, who may call it (<see cref="EndpointAuth"/>), how fast (its
/// <see cref="RateLimit"/> policy), and the handler. The handler runs after the edge has authenticated the caller and may
/// return an error as its result: the dispatcher renders it in the family's envelope.
/// </summary>
public sealed record EndpointDefinition(
    string Name,
    ApiFamily Family,
    string Prefix,
    string Route,
    IReadOnlyList<string> Methods,
    EndpointAuth Auth,
    RateLimit RateLimit,
    Func<HttpContext, Task<IResult>> Handler)
{
    /// <summary>Set on creates and submits: the edge runs them once per <c>Idempotency-Key</c> (<see cref="IdempotencyPolicy"/>).</summary>
    public IdempotencyPolicy? Idempotency { get; init; }
}
