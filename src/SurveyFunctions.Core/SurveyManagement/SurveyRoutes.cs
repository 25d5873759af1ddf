using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>Survey management (our API) under <c>/api/surveys</c>, for the owning tenant's API key.</summary>
public static class SurveyRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Surveys, "api/surveys")
        .Get("SurveysList", "", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.ListAsync(c)))
        .Post("SurveysCreate", "", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.CreateAsync(c)))
        .Get("SurveysGet", "{uuid}", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.GetAsync(c)))
        .Patch("SurveysUpdate", "{uuid}", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.PatchAsync(c)))
        .Delete("SurveysDelete", "{uuid}", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.DeleteAsync(c)))
        .Post("SurveysStart", "{uuid}/start", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.StartAsync(c)))
        .Post("SurveysPause", "{uuid}/pause", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.PauseAsync(c)))
        .Post("SurveysClose", "{uuid}/close", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.CloseAsync(c)))
        .Get("SurveysResults", "{uuid}/results", EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.ResultsAsync(c)))
        .Endpoints;
}
