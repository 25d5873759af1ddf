using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Panelists family (seed 002) and the hosted panelist page. One line each: the core's route table entry of the function's own name does the work.</summary>
public sealed class PanelistFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(GetPanelist))]
    public Task<IResult> GetPanelist([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "tenant/surveys/{surveyId}/panelists/{panelistId}")] HttpRequest req) => endpoints.InvokeAsync(nameof(GetPanelist), req);

    [Function(nameof(PanelistVotePage))]
    public Task<IResult> PanelistVotePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "app/panelist/vote")] HttpRequest req) => endpoints.InvokeAsync(nameof(PanelistVotePage), req);

    [Function(nameof(PanelistVoteScript))]
    public Task<IResult> PanelistVoteScript([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "app/panelist/vote.js")] HttpRequest req) => endpoints.InvokeAsync(nameof(PanelistVoteScript), req);

    [Function(nameof(PanelistOpenSession))]
    public Task<IResult> PanelistOpenSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/panelist/api/session")] HttpRequest req) => endpoints.InvokeAsync(nameof(PanelistOpenSession), req);

    [Function(nameof(PanelistSubmitPage))]
    public Task<IResult> PanelistSubmitPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/panelist/api/submit-page")] HttpRequest req) => endpoints.InvokeAsync(nameof(PanelistSubmitPage), req);

    [Function(nameof(PanelistDismiss))]
    public Task<IResult> PanelistDismiss([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/panelist/api/dismiss")] HttpRequest req) => endpoints.InvokeAsync(nameof(PanelistDismiss), req);
}
