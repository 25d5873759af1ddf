using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Tenants;

/// <summary>Tenant bootstrap under <c>/api/admin/tenants</c>, for the operator's admin key only.</summary>
public static class AdminRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, "api/admin/tenants")
        .Post("AdminCreateTenant", "", EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.CreateTenantAsync(c)))
        .Get("AdminGetTenant", "{tenantId}", EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.GetTenantAsync(c)))
        .Post("AdminIssueKey", "{tenantId}/keys", EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.IssueKeyAsync(c)))
        .Delete("AdminRevokeKey", "{tenantId}/keys/{keyId}", EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.RevokeKeyAsync(c)))
        .Endpoints;
}
