using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>Ids taken from the path, checked before they go anywhere near storage.</summary>
public static class RouteIds
{
    /// <summary>
    /// The route value <paramref name="name"/>, or null when it cannot name anything we issued (<see cref="PublicIds"/>):
    /// such ids are "not found" without a storage call, and keys storage refuses (a path like <c>/api/polls/a%23b</c>) never
    /// reach it.
    /// </summary>
    public static string? Get(HttpContext context, string name) =>
        context.Request.RouteValues[name] is string id && PublicIds.IsValid(id) ? id : null;
}
