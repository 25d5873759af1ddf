using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.SurveyManagement;

namespace SurveyFunctions.Functions;

/// <summary>
/// Our survey management API: one function per route template of <see cref="SurveyRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class SurveyFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(SurveyRoutes.Surveys))]
    public Task<IResult> Surveys([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.Surveys)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.Surveys, req);

    [Function(nameof(SurveyRoutes.Survey))]
    public Task<IResult> Survey([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.Survey)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.Survey, req);

    [Function(nameof(SurveyRoutes.SurveyStart))]
    public Task<IResult> SurveyStart([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.SurveyStart)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.SurveyStart, req);

    [Function(nameof(SurveyRoutes.SurveyPause))]
    public Task<IResult> SurveyPause([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.SurveyPause)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.SurveyPause, req);

    [Function(nameof(SurveyRoutes.SurveyClose))]
    public Task<IResult> SurveyClose([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.SurveyClose)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.SurveyClose, req);

    [Function(nameof(SurveyRoutes.SurveyResults))]
    public Task<IResult> SurveyResults([HttpTrigger(AuthorizationLevel.Anonymous, Route = SurveyRoutes.SurveyResults)] HttpRequest req) =>
        endpoints.InvokeAsync(SurveyRoutes.SurveyResults, req);
}
