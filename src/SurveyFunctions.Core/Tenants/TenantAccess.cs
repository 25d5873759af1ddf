using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Tenants;

/// <summary>The tenant the dispatcher authenticated for this request (set once at the edge, read by handlers).</summary>
public static class TenantAccess
{
    private static readonly object Key = new();

    /// <summary>
    /// The caller's tenant on an <see cref="Http.Routing.EndpointAuth.Tenant"/> or <see cref="Http.Routing.EndpointAuth.StandardPlanTenant"/> route.
    /// Asking for it anywhere else is a bug.
    /// </summary>
    public static TenantContext Tenant(this HttpContext context) =>
        context.TenantOrNull() ?? throw new InvalidOperationException(
            "This endpoint is not declared EndpointAuth.Tenant or StandardPlanTenant; no tenant was authenticated.");

    /// <summary>The caller's tenant, or null for an anonymous caller of an <see cref="Http.Routing.EndpointAuth.OptionalTenant"/> route.</summary>
    public static TenantContext? TenantOrNull(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var tenant) ? tenant as TenantContext : null;

    internal static void SetTenant(this HttpContext context, TenantContext tenant) => context.Items[Key] = tenant;
}
