using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>Survey management (our API). One line each: the core's route table entry of the same name does the work.</summary>
public sealed class SurveyFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(SurveysList))]
    public Task<IResult> SurveysList([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/surveys")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysList), req);

    [Function(nameof(SurveysCreate))]
    public Task<IResult> SurveysCreate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysCreate), req);

    [Function(nameof(SurveysGet))]
    public Task<IResult> SurveysGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysGet), req);

    [Function(nameof(SurveysUpdate))]
    public Task<IResult> SurveysUpdate([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysUpdate), req);

    [Function(nameof(SurveysDelete))]
    public Task<IResult> SurveysDelete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/surveys/{uuid}")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysDelete), req);

    [Function(nameof(SurveysStart))]
    public Task<IResult> SurveysStart([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/start")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysStart), req);

    [Function(nameof(SurveysPause))]
    public Task<IResult> SurveysPause([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/pause")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysPause), req);

    [Function(nameof(SurveysClose))]
    public Task<IResult> SurveysClose([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/surveys/{uuid}/close")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysClose), req);

    [Function(nameof(SurveysResults))]
    public Task<IResult> SurveysResults([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/surveys/{uuid}/results")] HttpRequest req) => endpoints.InvokeAsync(nameof(SurveysResults), req);
}
