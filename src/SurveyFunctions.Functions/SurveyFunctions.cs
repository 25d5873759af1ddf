using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>Survey management (our API). One line each: the core's route table entry of the same name does the work.</summary>
public sealed class SurveyFunctions(EndpointDispatcher endpoints)
{
    [Function("SurveysList")]
    public Task<IResult> SurveysList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/surveys")] HttpRequest req) => endpoints.InvokeAsync("SurveysList", req);

    [Function("SurveysCreate")]
    public Task<IResult> SurveysCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys")] HttpRequest req) => endpoints.InvokeAsync("SurveysCreate", req);

    [Function("SurveysGet")]
    public Task<IResult> SurveysGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync("SurveysGet", req);

    [Function("SurveysUpdate")]
    public Task<IResult> SurveysUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync("SurveysUpdate", req);

    [Function("SurveysDelete")]
    public Task<IResult> SurveysDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync("SurveysDelete", req);

    [Function("SurveysStart")]
    public Task<IResult> SurveysStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/start")] HttpRequest req) => endpoints.InvokeAsync("SurveysStart", req);

    [Function("SurveysPause")]
    public Task<IResult> SurveysPause([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/pause")] HttpRequest req) => endpoints.InvokeAsync("SurveysPause", req);

    [Function("SurveysClose")]
    public Task<IResult> SurveysClose([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/close")] HttpRequest req) => endpoints.InvokeAsync("SurveysClose", req);
}
