using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Platform;

/// <summary>Our own operational endpoints: health and the OpenAPI document.</summary>
public static class PlatformRoutes
{
    public const string Health = "api/health";
    public const string OpenApiDocument = "openapi.json";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, "")
        .Get("Health", Health, EndpointAuth.Anonymous, RateLimit.None, Use<HealthEndpoint>((e, c) => e.GetAsync(c)))
        .Get("OpenApi", OpenApiDocument, EndpointAuth.Anonymous, RateLimit.None, Use<OpenApiEndpoint>((e, c) => e.GetAsync(c)))
        .Endpoints;
}
