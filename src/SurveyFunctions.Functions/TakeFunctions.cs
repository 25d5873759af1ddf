using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Take family (seed 003). One line each: the core's route table entry of the function's own name (<c>nameof</c>) does the work.</summary>
public sealed class TakeFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(TakeSurvey))]
    public Task<IResult> TakeSurvey([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "a/api/v2/surveys/{surveyId}/take")] HttpRequest req) => endpoints.InvokeAsync(nameof(TakeSurvey), req);

    [Function(nameof(TakeSubmitPage))]
    public Task<IResult> TakeSubmitPage([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "a/api/v2/surveys/{surveyId}/submit-page")] HttpRequest req) => endpoints.InvokeAsync(nameof(TakeSubmitPage), req);
}
