using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Tenants;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Core.Events;

/// <summary>
/// A tenant's webhook endpoints: list, create (the signing secret shown once), read, update, delete, and rotate the secret
/// (the new one shown once; the old one keeps signing beside it for the grace period). Another tenant's endpoint is not found.
/// </summary>
public sealed class WebhookEndpoints(
    WebhookStore store,
    WebhookSecrets secrets,
    WebhookTargets targets,
    IOptions<SurveyFunctionsOptions> options,
    TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var now = time.GetUtcNow();
        var endpoints = await store.ListAsync(context.Tenant().TenantId, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new WebhookListView([.. endpoints.Select(e => WebhookView.Of(e, now))]), ApiJson.Options);
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var tenantId = context.Tenant().TenantId;
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var secret = WebhookSigner.NewSecret();
        var parsed = WebhookInput.ParseCreate(body.Value, targets, tenantId, secrets.Protect(secret), time.GetUtcNow());
        if (!parsed.IsSuccess)
            return parsed.Error.ToResult();
        if ((await store.ListAsync(tenantId, context.RequestAborted).ConfigureAwait(false)).Count >= WebhookStore.MaxPerTenant)
            return ApiError.Conflict($"A tenant may have at most {WebhookStore.MaxPerTenant} webhook endpoints.", "too_many_webhooks").ToResult();
        var e = parsed.Value;
        await store.CreateAsync(e, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new WebhookCreatedView(e.Id, e.Url, e.EventTypes, e.Enabled, e.Description, e.DisabledReason, e.CreatedAt, e.UpdatedAt,
            secret), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var found = await FindAsync(context).ConfigureAwait(false);
        return found.IsSuccess ? Results.Json(WebhookView.Of(found.Value, time.GetUtcNow()), ApiJson.Options) : found.Error.ToResult();
    }

    public async Task<IResult> PatchAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        // Not found before body problems, so another tenant learns nothing about the endpoint from the answer.
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var now = time.GetUtcNow();
        var patched = WebhookInput.ApplyPatch(found.Value, body.Value, targets, now);
        if (!patched.IsSuccess)
            return patched.Error.ToResult();
        await store.SaveAsync(patched.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(WebhookView.Of(patched.Value, now), ApiJson.Options);
    }

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        await store.DeleteAsync(found.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }

    public async Task<IResult> RotateSecretAsync(HttpContext context)
    {
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        var now = time.GetUtcNow();
        var grace = TimeSpan.FromHours(options.Value.WebhookSecretGraceHours);
        var secret = WebhookSigner.NewSecret();
        var rotated = found.Value with
        {
            Secret = secrets.Protect(secret),
            PreviousSecret = grace > TimeSpan.Zero ? found.Value.Secret : null,
            PreviousSecretUntil = grace > TimeSpan.Zero ? now + grace : null,
            UpdatedAt = now,
        };
        await store.SaveAsync(rotated, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new WebhookSecretView(rotated.Id, secret, rotated.PreviousSecretUntil), ApiJson.Options);
    }

    private Task<Outcome<WebhookEndpoint>> FindAsync(HttpContext context) => WebhookLookup.FindAsync(store, context);
}
