using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Panelists;

namespace SurveyFunctions.Functions;

/// <summary>
/// The Votito panelist access API and the panelist page: one function per route template of <see cref="PanelistRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class PanelistFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(PanelistRoutes.TenantPanelist))]
    public Task<IResult> TenantPanelist([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.TenantPanelist)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.TenantPanelist, req);

    [Function(nameof(PanelistRoutes.PanelistPage))]
    public Task<IResult> PanelistPage([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.PanelistPage)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.PanelistPage, req);

    [Function(nameof(PanelistRoutes.PanelistPageScript))]
    public Task<IResult> PanelistPageScript([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.PanelistPageScript)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.PanelistPageScript, req);

    [Function(nameof(PanelistRoutes.PanelistSession))]
    public Task<IResult> PanelistSession([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.PanelistSession)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.PanelistSession, req);

    [Function(nameof(PanelistRoutes.PanelistSubmitPage))]
    public Task<IResult> PanelistSubmitPage([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.PanelistSubmitPage)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.PanelistSubmitPage, req);

    [Function(nameof(PanelistRoutes.PanelistDismiss))]
    public Task<IResult> PanelistDismiss([HttpTrigger(AuthorizationLevel.Anonymous, Route = PanelistRoutes.PanelistDismiss)] HttpRequest req) =>
        endpoints.InvokeAsync(PanelistRoutes.PanelistDismiss, req);
}
