using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// The Polling.com Account Level API (surveys, sessions, respondents): one function per route template of <see cref="AccountRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class AccountFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(AccountRoutes.AccountSurvey))]
    public Task<IResult> AccountSurvey([HttpTrigger(AuthorizationLevel.Anonymous, Route = AccountRoutes.AccountSurvey)] HttpRequest req) =>
        endpoints.InvokeAsync(AccountRoutes.AccountSurvey, req);

    [Function(nameof(AccountRoutes.AccountSessionsByRespondent))]
    public Task<IResult> AccountSessionsByRespondent([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = AccountRoutes.AccountSessionsByRespondent)] HttpRequest req) =>
        endpoints.InvokeAsync(AccountRoutes.AccountSessionsByRespondent, req);

    [Function(nameof(AccountRoutes.AccountRespondent))]
    public Task<IResult> AccountRespondent([HttpTrigger(AuthorizationLevel.Anonymous, Route = AccountRoutes.AccountRespondent)] HttpRequest req) =>
        endpoints.InvokeAsync(AccountRoutes.AccountRespondent, req);

    [Function(nameof(AccountRoutes.AccountRespondentsList))]
    public Task<IResult> AccountRespondentsList([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = AccountRoutes.AccountRespondentsList)] HttpRequest req) =>
        endpoints.InvokeAsync(AccountRoutes.AccountRespondentsList, req);
}
