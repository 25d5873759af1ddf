using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Http.RateLimiting;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// One family's routes under its path prefix (TodoApi's MapGroup idea): each family declares its endpoints in its own
/// short list, and <see cref="RouteTable"/> is their concatenation. Every endpoint states who may call it and its rate-limit
/// policy (<see cref="RateLimit.None"/> included), so neither is forgotten when a route is added.
/// </summary>
public sealed class RouteGroup(ApiFamily family, string prefix)
{
    private readonly List<EndpointDefinition> _endpoints = [];

    public IReadOnlyList<EndpointDefinition> Endpoints => _endpoints;

    public RouteGroup Get(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) => Add(name, "GET", route, auth, rateLimit, handler);
    public RouteGroup Post(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) => Add(name, "POST", route, auth, rateLimit, handler);
    public RouteGroup Patch(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) => Add(name, "PATCH", route, auth, rateLimit, handler);
    public RouteGroup Delete(string name, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler) => Add(name, "DELETE", route, auth, rateLimit, handler);

    /// <summary>A handler on a service resolved per request from the host's container.</summary>
    public static Func<HttpContext, Task<IResult>> Use<T>(Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        context => handler(context.RequestServices.GetRequiredService<T>(), context);

    private RouteGroup Add(string name, string method, string route, EndpointAuth auth, RateLimit rateLimit, Func<HttpContext, Task<IResult>> handler)
    {
        var full = route.Length == 0 ? prefix : prefix.Length == 0 ? route : prefix + "/" + route;
        _endpoints.Add(new EndpointDefinition(name, family, full, [method], auth, rateLimit, handler));
        return this;
    }
}
