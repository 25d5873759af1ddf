using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Admin;

/// <summary>
/// Tenant bootstrap: create tenants, issue (rotate) and revoke their API keys. Guarded at the edge by <c>X-Admin-Key</c>
/// (<see cref="AdminKeyGuard"/>); with no admin key configured these endpoints do not exist (404).
/// </summary>
public sealed class AdminEndpoints(TenantStore tenants)
{
    /// <summary>What a new tenant's body may carry; anything else is refused naming it, as in every family.</summary>
    internal static readonly string[] TenantFields = ["name", "plan"];

    public async Task<IResult> CreateTenantAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var fields = new JsonFields(body.Value);
        fields.RejectUnknown(TenantFields);
        var name = fields.Text("name", required: true, maxLength: 200);
        var planText = fields.Text("plan", maxLength: 20) ?? "free";
        if (fields.Error is null && !TenantPlans.TryParse(planText, out _))
            fields.Reject("plan", "'plan' must be one of free, standard, enterprise.");
        if (fields.Error is not null)
            return fields.Error.ToResult();
        var plan = TenantPlans.ParseStored(planText);

        var (tenant, key) = await tenants.CreateAsync(name!, plan, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new AdminViews.TenantCreated(tenant.TenantId, tenant.Name, tenant.Plan.ToWire(), key.ApiKey, key.KeyId, tenant.CreatedAt),
            ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetTenantAsync(HttpContext context)
    {
        var tenantId = RouteIds.Get(context, "tenantId");
        var tenant = tenantId is null ? null : await tenants.GetAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        if (tenant is null)
            return TenantNotFound().ToResult();
        var keys = await tenants.ListKeysAsync(tenant.TenantId, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new AdminViews.TenantDetails(
                tenant.TenantId, tenant.Name, tenant.Plan.ToWire(), tenant.CreatedAt,
                keys.Select(k => new AdminViews.KeySummary(k.KeyId, k.CreatedAt, k.RevokedAt)).ToArray()),
            ApiJson.Options);
    }

    public async Task<IResult> IssueKeyAsync(HttpContext context)
    {
        var tenantId = RouteIds.Get(context, "tenantId");
        var key = tenantId is null ? null : await tenants.IssueKeyAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        return key is null
            ? TenantNotFound().ToResult()
            : Results.Json(new AdminViews.KeyIssued(key.TenantId, key.KeyId, key.ApiKey), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> RevokeKeyAsync(HttpContext context)
    {
        var tenantId = RouteIds.Get(context, "tenantId");
        var keyId = RouteIds.Get(context, "keyId");
        var revoked = tenantId is not null && keyId is not null &&
                      await tenants.RevokeKeyAsync(tenantId, keyId, context.RequestAborted).ConfigureAwait(false);
        return revoked
            ? Results.Json(new AdminViews.KeyRevoked(tenantId!, keyId!, Revoked: true), ApiJson.Options)
            : ApiError.NotFound("No such key for this tenant.", "key_not_found").ToResult();
    }

    private static ApiError TenantNotFound() => ApiError.NotFound("Tenant not found.", "tenant_not_found");
}
