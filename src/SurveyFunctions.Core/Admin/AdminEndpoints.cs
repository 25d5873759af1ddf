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
    public async Task<IResult> CreateTenantAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var fields = new JsonFields(body.Value);
        var name = fields.Text("name", required: true, maxLength: 200);
        var planText = fields.Text("plan", maxLength: 20) ?? "free";
        if (fields.Error is null && !TenantPlans.TryParse(planText, out _))
            fields.Reject("plan", "'plan' must be one of free, standard, enterprise.");
        if (fields.Error is not null)
            return fields.Error.ToResult();
        var plan = TenantPlans.ParseStored(planText);

        var (tenant, key) = await tenants.CreateAsync(name!, plan, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new { tenant_id = tenant.TenantId, name = tenant.Name, plan = tenant.Plan.ToWire(), api_key = key.ApiKey, key_id = key.KeyId,
                created_at = tenant.CreatedAt },
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
            new
            {
                tenant_id = tenant.TenantId,
                name = tenant.Name,
                plan = tenant.Plan.ToWire(),
                created_at = tenant.CreatedAt,
                keys = keys.Select(k => new { key_id = k.KeyId, created_at = k.CreatedAt, revoked_at = k.RevokedAt }),
            },
            ApiJson.Options);
    }

    public async Task<IResult> IssueKeyAsync(HttpContext context)
    {
        var tenantId = RouteIds.Get(context, "tenantId");
        var key = tenantId is null ? null : await tenants.IssueKeyAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        return key is null
            ? TenantNotFound().ToResult()
            : Results.Json(new { tenant_id = key.TenantId, key_id = key.KeyId, api_key = key.ApiKey }, ApiJson.Options,
                statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> RevokeKeyAsync(HttpContext context)
    {
        var tenantId = RouteIds.Get(context, "tenantId");
        var keyId = RouteIds.Get(context, "keyId");
        var revoked = tenantId is not null && keyId is not null &&
                      await tenants.RevokeKeyAsync(tenantId, keyId, context.RequestAborted).ConfigureAwait(false);
        return revoked
            ? Results.Json(new { tenant_id = tenantId, key_id = keyId, revoked = true }, ApiJson.Options)
            : ApiError.NotFound("No such key for this tenant.", "key_not_found").ToResult();
    }

    private static ApiError TenantNotFound() => ApiError.NotFound("Tenant not found.", "tenant_not_found");
}
