using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http.Routing;

/// <summary>A per-request id (the Take family returns it as <c>requestID</c>); reuses the host's trace identifier.</summary>
public static class RequestIds
{
    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(nameof(RequestIds), out var existing) && existing is string id
            ? id
            : (string)(context.Items[nameof(RequestIds)] = Guid.NewGuid().ToString("D"));
}
