using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Idempotency;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// One family's routes under its path prefix (TodoApi's MapGroup idea). Each route is a full template constant of the
/// family's routes class, the same constant the Functions adapter's trigger names, so a template is written once; it must
/// lie under the group's prefix. Every endpoint states who may call it and its rate-limit policy (<see cref="RateLimit.None"/>
/// included), so neither is forgotten when a route is added.
/// </summary>
public sealed class RouteGroup(ApiFamily family, string prefix)
{
    /// <summary>
    /// A GET route also answers HEAD (RFC 9110 §9.3.2: a general-purpose server must support both): the same handler,
    /// rate limit and authentication, so the status and headers match GET's; the server sends no body for HEAD.
    /// </summary>
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    private readonly List<EndpointDefinition> _endpoints = [];

    public IReadOnlyList<EndpointDefinition> Endpoints => _endpoints;

    public RouteGroup Get(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) =>
        Add(name, GetAndHead, route, auth, rateLimit, handler);

    public RouteGroup Post(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) =>
        Add(name, [HttpMethods.Post], route, auth, rateLimit, handler);

    public RouteGroup Patch(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) =>
        Add(name, [HttpMethods.Patch], route, auth, rateLimit, handler);

    public RouteGroup Delete(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) =>
        Add(name, [HttpMethods.Delete], route, auth, rateLimit, handler);

    /// <summary>
    /// Declares the route added last idempotent: with an <c>Idempotency-Key</c> header, the edge runs it once per key and
    /// replays its first answer to retries (<see cref="IdempotentRequests"/>). For creates and submits; never for streams.
    /// </summary>
    public RouteGroup Idempotent(IdempotencyPolicy? policy = null)
    {
        _endpoints[^1] = _endpoints[^1] with { Idempotency = policy ?? new IdempotencyPolicy() };
        return this;
    }

    /// <summary>A handler on a service resolved per request from the host's container.</summary>
    public static Func<HttpContext, Task<IResult>> Use<T>(Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        context => handler(context.RequestServices.GetRequiredService<T>(), context);

    private RouteGroup Add(string name, IReadOnlyList<string> methods, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext,
        Task<IResult>> handler)
    {
        if (!EndpointCatalog.IsUnder(route, prefix))
            throw new InvalidOperationException($"Route '{route}' of endpoint {name} is not under its group's prefix '{prefix}'.");
        _endpoints.Add(new EndpointDefinition(name, family, prefix, route, methods, auth, rateLimit, handler));
        return this;
    }
}
