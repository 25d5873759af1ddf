using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The Responses family (seed 004) under <c>/api/v2/guide</c>. Create and list take the tenant's API key (Basic
/// <c>{email}/token:{key}</c> as the seed shows, or any header form); submit and the localized read take the key or the
/// response's own <c>access_token</c> query parameter, so the links a responder gets work without a key. Under <c>/hc</c>:
/// the page those links open, and the read it shows the survey from.
/// </summary>
public static class ResponseRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } =
    [
        .. new RouteGroup(ApiFamily.Responses, "api/v2/guide")
            .Post("ResponsesCreate", "survey_responses", EndpointAuth.Tenant, RateLimit.None, Use<ResponseEndpoints>((e, c) => e.CreateAsync(c)))
            .Get("ResponsesList", "survey_responses", EndpointAuth.Tenant, RateLimit.None, Use<ResponseEndpoints>((e, c) => e.ListAsync(c)))
            .Post("ResponsesSubmit", "survey_responses/{id}", EndpointAuth.OptionalTenant, RateLimit.Responses, Use<ResponseEndpoints>((e, c) => e.SubmitAsync(c)))
            .Get("ResponsesShow", "{locale}/survey_responses/{id}", EndpointAuth.OptionalTenant, RateLimit.Responses, Use<ResponseEndpoints>((e, c) => e.ShowAsync(c)))
            .Endpoints,
        // The page behind the links and its script: static platform files with no tenant's data (the page shows nothing
        // without a valid access_token), like the panelist page.
        .. new RouteGroup(ApiFamily.Platform, "hc")
            .Get("ResponsePage", "{locale}/survey_responses/{id}", EndpointAuth.Anonymous, RateLimit.Reads, ResponsePage.PageAsync)
            .Get("ResponsePageScript", "survey_response.js", EndpointAuth.Anonymous, RateLimit.Reads, ResponsePage.ScriptAsync)
            .Endpoints,
        // The page's read of the survey as a form, authorised like the localized read (the key or the access_token).
        .. new RouteGroup(ApiFamily.Responses, "hc/api")
            .Get("ResponsesForm", "{locale}/survey_responses/{id}/form", EndpointAuth.OptionalTenant, RateLimit.Responses, Use<ResponseEndpoints>((e, c) => e.FormAsync(c)))
            .Endpoints,
    ];
}
