using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Embed;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// The poll embed script: one function per route template of <see cref="EmbedRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class EmbedFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(EmbedRoutes.EmbedPollScript))]
    public Task<IResult> EmbedPollScript([HttpTrigger(AuthorizationLevel.Anonymous, Route = EmbedRoutes.EmbedPollScript)] HttpRequest req) =>
        endpoints.InvokeAsync(EmbedRoutes.EmbedPollScript, req);
}
