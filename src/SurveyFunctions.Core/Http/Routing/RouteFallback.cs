using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// The answer for a request that no route-table entry took, in the family's envelope: a path the table serves with
/// other methods is a 405 <c>method_not_allowed</c> with an <c>Allow</c> header listing them (RFC 9110 §15.5.6);
/// any other path is a 404 <c>route_not_found</c>. The standalone host's fallback and the Functions app's catch-all
/// function both answer through here, so the two hosts cannot drift apart.
/// </summary>
public static class RouteFallback
{
    public static IResult Answer(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<EndpointCatalog>();
        var path = context.Request.Path.Value ?? "/";
        var family = catalog.FamilyOf(path);
        var allowed = catalog.AllowedMethods(path);
        if (allowed.Count == 0)
            return family.Render(ApiError.RouteNotFound(path), context);
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return family.Render(ApiError.MethodNotAllowed(context.Request.Method), context);
    }
}
