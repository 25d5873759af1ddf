using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// The one list of HTTP endpoints. The standalone host maps it directly; the Functions app has one adapter per entry
/// (same name, route and methods), which a test checks by reading the adapter sources.
/// </summary>
public static class RouteTable
{
    public static IReadOnlyList<EndpointDefinition> All { get; } =
    [
        Get("Health", ApiFamily.Platform, "api/health", Use<HealthEndpoint>((e, c) => e.GetAsync(c))),

        Post("AdminCreateTenant", ApiFamily.Platform, "api/admin/tenants", Use<AdminEndpoints>((e, c) => e.CreateTenantAsync(c))),
        Get("AdminGetTenant", ApiFamily.Platform, "api/admin/tenants/{tenantId}", Use<AdminEndpoints>((e, c) => e.GetTenantAsync(c))),
        Post("AdminIssueKey", ApiFamily.Platform, "api/admin/tenants/{tenantId}/keys", Use<AdminEndpoints>((e, c) => e.IssueKeyAsync(c))),
        Delete("AdminRevokeKey", ApiFamily.Platform, "api/admin/tenants/{tenantId}/keys/{keyId}", Use<AdminEndpoints>((e, c) => e.RevokeKeyAsync(c))),
    ];

    private static EndpointDefinition Get(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["GET"], handler);
    private static EndpointDefinition Post(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["POST"], handler);
    private static EndpointDefinition Patch(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["PATCH"], handler);
    private static EndpointDefinition Delete(string name, ApiFamily family, string route, Func<HttpContext, Task<IResult>> handler) => new(name, family, route, ["DELETE"], handler);

    private static Func<HttpContext, Task<IResult>> Use<T>(Func<T, HttpContext, Task<IResult>> handler) where T : notnull =>
        context => handler(context.RequestServices.GetRequiredService<T>(), context);
}
