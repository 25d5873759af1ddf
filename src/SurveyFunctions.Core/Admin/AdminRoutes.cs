using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Admin;

/// <summary>Tenant bootstrap under <c>/api/admin/tenants</c>, for the operator's admin key only.</summary>
public static class AdminRoutes
{
    public const string AdminTenants = "api/admin/tenants";
    public const string AdminTenant = AdminTenants + "/{tenantId}";
    public const string AdminTenantKeys = AdminTenant + "/keys";
    public const string AdminTenantKey = AdminTenantKeys + "/{keyId}";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, AdminTenants)
        .Post("AdminCreateTenant", AdminTenants, EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.CreateTenantAsync(c)))
        .Get("AdminGetTenant", AdminTenant, EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.GetTenantAsync(c)))
        .Post("AdminIssueKey", AdminTenantKeys, EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.IssueKeyAsync(c)))
        .Delete("AdminRevokeKey", AdminTenantKey, EndpointAuth.Admin, RateLimit.None, Use<AdminEndpoints>((e, c) => e.RevokeKeyAsync(c)))
        .Endpoints;
}
