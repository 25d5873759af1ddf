using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.Envelopes;

namespace SurveyFunctions.Core.Tenants;

/// <summary>
/// Tenant bootstrap: create tenants, issue (rotate) and revoke their API keys. Guarded by <c>X-Admin-Key</c>;
/// with no admin key configured these endpoints do not exist (404), so a forgotten setting never opens them.
/// </summary>
public sealed class AdminEndpoints(TenantStore tenants, IOptions<SurveyFunctionsOptions> options)
{
    private readonly byte[]? _adminKeyHash = string.IsNullOrEmpty(options.Value.AdminKey) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey));

    public async Task<IResult> CreateTenantAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
            return denied;
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return Error(body.Error, context);
        var fields = new JsonFields(body.Value);
        var name = fields.Text("name", required: true, maxLength: 200);
        var planText = fields.Text("plan", maxLength: 20) ?? "free";
        if (fields.Error is null && !TenantPlans.TryParse(planText, out _))
            fields.Reject("plan", "'plan' must be one of free, standard, enterprise.");
        if (fields.Error is not null)
            return Error(fields.Error, context);
        var plan = TenantPlans.ParseStored(planText);

        var (tenant, key) = await tenants.CreateAsync(name!, plan, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new { tenant_id = tenant.TenantId, name = tenant.Name, plan = tenant.Plan.ToWire(), api_key = key.ApiKey, key_id = key.KeyId, created_at = tenant.CreatedAt },
            ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetTenantAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
            return denied;
        var tenantId = RouteIds.Get(context, "tenantId");
        var tenant = tenantId is null ? null : await tenants.GetAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        if (tenant is null)
            return Error(TenantNotFound(), context);
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
        if (Guard(context) is { } denied)
            return denied;
        var tenantId = RouteIds.Get(context, "tenantId");
        var key = tenantId is null ? null : await tenants.IssueKeyAsync(tenantId, context.RequestAborted).ConfigureAwait(false);
        return key is null
            ? Error(TenantNotFound(), context)
            : Results.Json(new { tenant_id = key.TenantId, key_id = key.KeyId, api_key = key.ApiKey }, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> RevokeKeyAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
            return denied;
        var tenantId = RouteIds.Get(context, "tenantId");
        var keyId = RouteIds.Get(context, "keyId");
        var revoked = tenantId is not null && keyId is not null &&
                      await tenants.RevokeKeyAsync(tenantId, keyId, context.RequestAborted).ConfigureAwait(false);
        return revoked
            ? Results.Json(new { tenant_id = tenantId, key_id = keyId, revoked = true }, ApiJson.Options)
            : Error(ApiError.NotFound("No such key for this tenant.", "key_not_found"), context);
    }

    private IResult? Guard(HttpContext context)
    {
        if (_adminKeyHash is null)
            return Error(ApiError.NotFound("Admin endpoints are disabled: no SurveyFunctions:AdminKey is configured.", "route_not_found"), context);
        var presented = context.Request.Headers["X-Admin-Key"].ToString();
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(presentedHash, _adminKeyHash)
            ? null
            : Error(ApiError.Unauthorized("Missing or invalid X-Admin-Key."), context);
    }

    private static ApiError TenantNotFound() => ApiError.NotFound("Tenant not found.", "tenant_not_found");

    private static IResult Error(ApiError error, HttpContext context) => ApiFamily.Platform.Render(error, context);
}
