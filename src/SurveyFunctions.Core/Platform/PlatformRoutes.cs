using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Platform;

/// <summary>Our own operational endpoints: health and the OpenAPI document.</summary>
public static class PlatformRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, "")
        .Get("Health", "api/health", EndpointAuth.Anonymous, RateLimit.None, Use<HealthEndpoint>((e, c) => e.GetAsync(c)))
        .Get("OpenApi", "openapi.json", EndpointAuth.Anonymous, RateLimit.None, Use<OpenApiEndpoint>((e, c) => e.GetAsync(c)))
        .Endpoints;
}
