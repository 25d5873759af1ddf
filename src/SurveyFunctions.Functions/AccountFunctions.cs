using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Account family (seed 000). One line each: the core's route table entry of the same name does the work.</summary>
public sealed class AccountFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(AccountSurvey))]
    public Task<IResult> AccountSurvey([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/account/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync(nameof(AccountSurvey), req);

    [Function(nameof(AccountSessionsByRespondent))]
    public Task<IResult> AccountSessionsByRespondent([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/account/surveys/{uuid}/sessions-by-respondent/{respondent_id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(AccountSessionsByRespondent), req);

    [Function(nameof(AccountRespondent))]
    public Task<IResult> AccountRespondent([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/account/respondents/{respondent_id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(AccountRespondent), req);

    [Function(nameof(AccountRespondentsList))]
    public Task<IResult> AccountRespondentsList([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/account/surveys/{uuid}/respondents/list")] HttpRequest req) => endpoints.InvokeAsync(nameof(AccountRespondentsList), req);
}
