using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// The catch-all: any path and method no other function takes gets the family's 404 <c>route_not_found</c> or 405
/// <c>method_not_allowed</c> (with <c>Allow</c>), exactly as the standalone host answers (<see cref="RouteFallback"/>).
/// </summary>
public static class RouteFallbackFunction
{
    /// <summary>
    /// Why the odd name: the Functions host does not rank routes by template (literal over parameter over catch-all) as
    /// ASP.NET Core endpoint routing does. It sorts all functions by name (FunctionMetadataManager.LoadFunctionMetadata:
    /// <c>OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)</c>), maps each HTTP function's route in that order
    /// (WebScriptHostHttpRoutesManager.InitializeHttpFunctionRoutes) into one ASP.NET Core <c>RouteCollection</c>
    /// (WebJobsRouteBuilder.Build), and the first route that matches, methods included, wins; see
    /// Azure/azure-functions-host#9876 and #3153 (no route order or priority). So this function is the lowest precedence
    /// only because its name sorts after every other function's: the functions.metadata test fails if one ever sorts later.
    /// No methods listed: the host then adds no method constraint, so every method reaches it.
    /// </summary>
    [Function("ZzRouteFallback")]
    public static IResult ZzRouteFallback([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = "{*path}")] HttpRequest req) => RouteFallback.Answer(req.HttpContext);
}
