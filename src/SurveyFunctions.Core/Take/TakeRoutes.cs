using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The Take family (seed 003) under <c>/a/api/v2/surveys</c>: the tenant's API key (the seed's <c>api-key</c> header; the
/// other header forms work too) on every call; the respondent's session travels in <c>x-survey-token</c>.
/// </summary>
public static class TakeRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Take, "a/api/v2/surveys")
        .Get("TakeSurvey", "{surveyId}/take", EndpointAuth.Tenant, RateLimit.Take, Use<TakeEndpoints>((e, c) => e.TakeAsync(c)))
        .Post("TakeSubmitPage", "{surveyId}/submit-page", EndpointAuth.Tenant, RateLimit.Take, Use<TakeEndpoints>((e, c) => e.SubmitPageAsync(c)))
        .Endpoints;
}
