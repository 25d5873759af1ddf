using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The Responses family (Zendesk's Help Center survey responses API) under <c>/api/v2/guide</c>. Create and list take the
/// tenant's API key (Basic <c>{email}/token:{key}</c> as Zendesk's docs show it, or any header form); submit and the
/// localized read take the key or the
/// response's own <c>access_token</c> query parameter, so the links a responder gets work without a key. Under <c>/hc</c>:
/// the page those links open, and the read it shows the survey from.
/// </summary>
public static class ResponseRoutes
{
    public const string Guide = "api/v2/guide";
    public const string SurveyResponses = Guide + "/survey_responses";
    public const string SurveyResponse = SurveyResponses + "/{id}";
    public const string LocalizedSurveyResponse = Guide + "/{locale}/survey_responses/{id}";
    public const string HostedPages = "hc";
    public const string HostedResponsePage = HostedPages + "/{locale}/survey_responses/{id}";
    public const string HostedResponseScript = HostedPages + "/survey_response.js";
    /// <summary>The page's API: every path under it answers in the Responses envelope.</summary>
    public const string HostedPageApi = HostedPages + "/api";
    public const string HostedResponseForm = HostedPageApi + "/{locale}/survey_responses/{id}/form";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } =
    [
        .. new RouteGroup(ApiFamily.Responses, Guide)
            .Post("ResponsesCreate", SurveyResponses, EndpointAuth.Tenant, RateLimit.None, Use<ResponseEndpoints>((e, c) => e.CreateAsync(c)))
                .Idempotent()
            .Get("ResponsesList", SurveyResponses, EndpointAuth.Tenant, RateLimit.None, Use<ResponseEndpoints>((e, c) => e.ListAsync(c)))
            .Post("ResponsesSubmit", SurveyResponse, EndpointAuth.TenantOrAccessToken, RateLimit.Responses,
                Use<ResponseEndpoints>((e, c) => e.SubmitAsync(c)))
                .Idempotent()
            .Get("ResponsesShow", LocalizedSurveyResponse, EndpointAuth.TenantOrAccessToken, RateLimit.Responses,
                Use<ResponseEndpoints>((e, c) => e.ShowAsync(c)))
            .Endpoints,
        // The page behind the links and its script: static platform files with no tenant's data (the page shows nothing
        // without a valid access_token), like the panelist page.
        .. new RouteGroup(ApiFamily.Platform, HostedPages)
            .Get("ResponsePage", HostedResponsePage, EndpointAuth.Anonymous, RateLimit.Reads, ResponsePage.PageAsync)
            .Get("ResponsePageScript", HostedResponseScript, EndpointAuth.Anonymous, RateLimit.Reads, ResponsePage.ScriptAsync)
            .Endpoints,
        // The page's read of the survey as a form, authorised like the localized read (the key or the access_token).
        .. new RouteGroup(ApiFamily.Responses, HostedPageApi)
            .Get("ResponsesForm", HostedResponseForm, EndpointAuth.TenantOrAccessToken, RateLimit.Responses,
                Use<ResponseEndpoints>((e, c) => e.FormAsync(c)))
            .Endpoints,
    ];
}
