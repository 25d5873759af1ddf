using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Account;

/// <summary>
/// The Account family (the Polling.com Account Level API) under <c>/api/account</c>: read-only, for a tenant on the
/// Standard plan or above (403 below it, checked by the dispatcher), with the key as the <c>token</c> header, <c>?token=</c> or any header form.
/// </summary>
public static class AccountRoutes
{
    public const string Account = "api/account";
    public const string AccountSurvey = Account + "/surveys/{uuid}";
    public const string AccountSessionsByRespondent = AccountSurvey + "/sessions-by-respondent/{respondent_id}";
    public const string AccountRespondent = Account + "/respondents/{respondent_id}";
    public const string AccountRespondentsList = AccountSurvey + "/respondents/list";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Account, Account)
        .Get("AccountSurvey", AccountSurvey, EndpointAuth.StandardPlanTenant, RateLimit.None, Use<AccountEndpoints>((e, c) => e.GetSurveyAsync(c)))
        .Get("AccountSessionsByRespondent", AccountSessionsByRespondent, EndpointAuth.StandardPlanTenant, RateLimit.None,
            Use<AccountEndpoints>((e, c) => e.SessionsByRespondentAsync(c)))
        .Get("AccountRespondent", AccountRespondent, EndpointAuth.StandardPlanTenant, RateLimit.None,
            Use<AccountEndpoints>((e, c) => e.GetRespondentAsync(c)))
        .Get("AccountRespondentsList", AccountRespondentsList, EndpointAuth.StandardPlanTenant, RateLimit.None,
            Use<AccountEndpoints>((e, c) => e.ListRespondentsAsync(c)))
        .Endpoints;
}
