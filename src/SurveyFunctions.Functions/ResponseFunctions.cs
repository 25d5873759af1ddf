using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>The Responses family (seed 004). One line each: the core's route table entry of the function's own name (<c>nameof</c>) does the work.</summary>
public sealed class ResponseFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(ResponsesCreate))]
    public Task<IResult> ResponsesCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v2/guide/survey_responses")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsesCreate), req);

    [Function(nameof(ResponsesList))]
    public Task<IResult> ResponsesList([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/v2/guide/survey_responses")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsesList), req);

    [Function(nameof(ResponsesSubmit))]
    public Task<IResult> ResponsesSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/v2/guide/survey_responses/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsesSubmit), req);

    [Function(nameof(ResponsesShow))]
    public Task<IResult> ResponsesShow([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/v2/guide/{locale}/survey_responses/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsesShow), req);

    [Function(nameof(ResponsesForm))]
    public Task<IResult> ResponsesForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hc/api/{locale}/survey_responses/{id}/form")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsesForm), req);

    [Function(nameof(ResponsePage))]
    public Task<IResult> ResponsePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hc/{locale}/survey_responses/{id}")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsePage), req);

    [Function(nameof(ResponsePageScript))]
    public Task<IResult> ResponsePageScript([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "hc/survey_response.js")] HttpRequest req) => endpoints.InvokeAsync(nameof(ResponsePageScript), req);
}
