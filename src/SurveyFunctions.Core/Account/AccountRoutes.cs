using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Account;

/// <summary>
/// The Account family (seed 000) under <c>/api/account</c>: read-only, for a tenant on the Standard plan or above (403
/// below it, checked by the dispatcher), with the key as the <c>token</c> header, <c>?token=</c> or any header form.
/// </summary>
public static class AccountRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Account, "api/account")
        .Get("AccountSurvey", "surveys/{uuid}", EndpointAuth.StandardPlanTenant, RateLimit.None, Use<AccountEndpoints>((e, c) => e.GetSurveyAsync(c)))
        .Get("AccountSessionsByRespondent", "surveys/{uuid}/sessions-by-respondent/{respondent_id}", EndpointAuth.StandardPlanTenant, RateLimit.None, Use<AccountEndpoints>((e, c) => e.SessionsByRespondentAsync(c)))
        .Get("AccountRespondent", "respondents/{respondent_id}", EndpointAuth.StandardPlanTenant, RateLimit.None, Use<AccountEndpoints>((e, c) => e.GetRespondentAsync(c)))
        .Get("AccountRespondentsList", "surveys/{uuid}/respondents/list", EndpointAuth.StandardPlanTenant, RateLimit.None, Use<AccountEndpoints>((e, c) => e.ListRespondentsAsync(c)))
        .Endpoints;
}
