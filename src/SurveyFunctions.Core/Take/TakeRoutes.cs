using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Taking;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The Take family (the QuestionPro survey-taking API) under <c>/a/api/v2/surveys</c>: the tenant's API key (QuestionPro's
/// <c>api-key</c> header; the other header forms work too) on every call; the respondent's session travels in <c>x-survey-token</c>.
/// </summary>
public static class TakeRoutes
{
    /// <summary>The family's prefix: every path under it answers in the Take envelope, unknown ones included.</summary>
    public const string Take = "a/api/v2";
    public const string TakeSurvey = Take + "/surveys/{surveyId}/take";
    public const string TakeSubmitPage = Take + "/surveys/{surveyId}/submit-page";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Take, Take)
        .Get("TakeSurvey", TakeSurvey, EndpointAuth.Tenant, RateLimit.Take, Use<TakeEndpoints>((e, c) => e.TakeAsync(c)))
        .Post("TakeSubmitPage", TakeSubmitPage, EndpointAuth.Tenant, RateLimit.Take, Use<TakeEndpoints>((e, c) => e.SubmitPageAsync(c)))
        // The session token is part of the request: the same key and body for another session is another request.
        .Idempotent(new IdempotencyPolicy(RequestHeaders: [SessionTokens.Header]))
        .Endpoints;
}
