using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>Survey management (our API) under <c>/api/surveys</c>, for the owning tenant's API key.</summary>
public static class SurveyRoutes
{
    public const string Surveys = "api/surveys";
    public const string Survey = Surveys + "/{uuid}";
    public const string SurveyStart = Survey + "/start";
    public const string SurveyPause = Survey + "/pause";
    public const string SurveyClose = Survey + "/close";
    public const string SurveyResults = Survey + "/results";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Surveys, Surveys)
        .Get("SurveysList", Surveys, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.ListAsync(c)))
        .Post("SurveysCreate", Surveys, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.CreateAsync(c)))
        .Idempotent()
        .Get("SurveysGet", Survey, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.GetAsync(c)))
        .Patch("SurveysUpdate", Survey, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.PatchAsync(c)))
        .Delete("SurveysDelete", Survey, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.DeleteAsync(c)))
        .Post("SurveysStart", SurveyStart, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.StartAsync(c)))
        .Post("SurveysPause", SurveyPause, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.PauseAsync(c)))
        .Post("SurveysClose", SurveyClose, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.CloseAsync(c)))
        .Get("SurveysResults", SurveyResults, EndpointAuth.Tenant, RateLimit.None, Use<SurveyEndpoints>((e, c) => e.ResultsAsync(c)))
        .Endpoints;
}
