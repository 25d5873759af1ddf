using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The access-token check the edge runs on <c>EndpointAuth.TenantOrAccessToken</c> routes when no API key is sent: the
/// response's own <c>access_token</c> opens that response (the one the path names) of its tenant, and nothing else.
/// </summary>
public sealed class ResponseAccess(ResponseTokens tokens)
{
    private static readonly object Key = new();

    /// <summary>The token in the <c>access_token</c> query parameter, or null when none is sent.</summary>
    public static string? Presented(HttpRequest request)
    {
        var token = request.Query[ResponseTokens.QueryParameter].ToString();
        return token.Length == 0 ? null : token;
    }

    /// <summary>Null when the token opens the path's response (its tenant is then on the context); 401 without or with
    /// a bad token, 403 with another response's.</summary>
    public ApiError? Authorize(string? presented, HttpContext context)
    {
        var access = tokens.Authorize(presented ?? "", RouteIds.Get(context, "id") ?? "");
        if (!access.IsSuccess)
            return access.Error;
        context.Items[Key] = access.Value;
        return null;
    }

    /// <summary>The tenant whose response the access token opened; null when the caller sent the tenant's key instead.</summary>
    public static string? TenantOf(HttpContext context) => context.Items.TryGetValue(Key, out var tenantId) ? tenantId as string : null;
}
