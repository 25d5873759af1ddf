using SurveyFunctions.Core.Http;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The Responses family (seed 004) under <c>/api/v2/guide</c>. Create and list take the tenant's API key (Basic
/// <c>{email}/token:{key}</c> as the seed shows, or any header form); submit and the localized read take the key or the
/// response's own <c>access_token</c> query parameter, so the links a responder gets work without a key.
/// </summary>
public static class ResponseRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Responses, "api/v2/guide")
        .Post("ResponsesCreate", "survey_responses", EndpointAuth.Tenant, Use<ResponseEndpoints>((e, c) => e.CreateAsync(c)))
        .Get("ResponsesList", "survey_responses", EndpointAuth.Tenant, Use<ResponseEndpoints>((e, c) => e.ListAsync(c)))
        .Post("ResponsesSubmit", "survey_responses/{id}", EndpointAuth.OptionalTenant, Use<ResponseEndpoints>((e, c) => e.SubmitAsync(c)))
        .Get("ResponsesShow", "{locale}/survey_responses/{id}", EndpointAuth.OptionalTenant, Use<ResponseEndpoints>((e, c) => e.ShowAsync(c)))
        .Endpoints;
}
