using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Responses;

namespace SurveyFunctions.Functions;

/// <summary>
/// The Zendesk survey responses API and the hosted response page: one function per route template of <see cref="ResponseRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class ResponseFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(ResponseRoutes.SurveyResponses))]
    public Task<IResult> SurveyResponses([HttpTrigger(AuthorizationLevel.Anonymous, Route = ResponseRoutes.SurveyResponses)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.SurveyResponses, req);

    [Function(nameof(ResponseRoutes.SurveyResponse))]
    public Task<IResult> SurveyResponse([HttpTrigger(AuthorizationLevel.Anonymous, Route = ResponseRoutes.SurveyResponse)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.SurveyResponse, req);

    [Function(nameof(ResponseRoutes.LocalizedSurveyResponse))]
    public Task<IResult> LocalizedSurveyResponse([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = ResponseRoutes.LocalizedSurveyResponse)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.LocalizedSurveyResponse, req);

    [Function(nameof(ResponseRoutes.HostedResponsePage))]
    public Task<IResult> HostedResponsePage([HttpTrigger(AuthorizationLevel.Anonymous, Route = ResponseRoutes.HostedResponsePage)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.HostedResponsePage, req);

    [Function(nameof(ResponseRoutes.HostedResponseScript))]
    public Task<IResult> HostedResponseScript([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = ResponseRoutes.HostedResponseScript)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.HostedResponseScript, req);

    [Function(nameof(ResponseRoutes.HostedResponseForm))]
    public Task<IResult> HostedResponseForm([HttpTrigger(AuthorizationLevel.Anonymous, Route = ResponseRoutes.HostedResponseForm)] HttpRequest req) =>
        endpoints.InvokeAsync(ResponseRoutes.HostedResponseForm, req);
}
