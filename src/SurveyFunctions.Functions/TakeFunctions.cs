using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Take;

namespace SurveyFunctions.Functions;

/// <summary>
/// The QuestionPro survey-taking API: one function per route template of <see cref="TakeRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class TakeFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(TakeRoutes.TakeSurvey))]
    public Task<IResult> TakeSurvey([HttpTrigger(AuthorizationLevel.Anonymous, Route = TakeRoutes.TakeSurvey)] HttpRequest req) =>
        endpoints.InvokeAsync(TakeRoutes.TakeSurvey, req);

    [Function(nameof(TakeRoutes.TakeSubmitPage))]
    public Task<IResult> TakeSubmitPage([HttpTrigger(AuthorizationLevel.Anonymous, Route = TakeRoutes.TakeSubmitPage)] HttpRequest req) =>
        endpoints.InvokeAsync(TakeRoutes.TakeSubmitPage, req);
}
