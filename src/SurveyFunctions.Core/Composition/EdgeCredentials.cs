using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Admin;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Composition;

/// <summary>
/// Every credential form of <see cref="EndpointAuth"/>, checked where the dispatcher asks: the tenant's API key (in the
/// forms its family accepts), the operator's admin key, a panelist key, a survey response's access token. Each check puts
/// what it authenticated on the request for the handler (<see cref="TenantAccess"/>, <see cref="PanelistAccess"/>,
/// <see cref="ResponseAccess"/>). Here, in the composition root, because it is the one place that may know every family.
/// </summary>
public sealed class EdgeCredentials(
    ApiKeyAuthenticator tenantKeys,
    AdminKeyGuard admin,
    PanelistAccess panelists,
    ResponseAccess responses) : ICredentialChecker
{
    public string? Presented(EndpointDefinition endpoint, HttpRequest request) => endpoint.Auth switch
    {
        EndpointAuth.Tenant or EndpointAuth.StandardPlanTenant or EndpointAuth.OptionalTenant => TenantKey(endpoint, request),
        EndpointAuth.Admin => request.Headers.TryGetValue(AdminKeyGuard.Header, out var adminKey) ? adminKey.ToString() : null,
        EndpointAuth.PanelistKey => PanelistAccess.Presented(request),
        EndpointAuth.TenantOrAccessToken => TenantKey(endpoint, request) ?? ResponseAccess.Presented(request),
        _ => null,
    };

    // An owner's key sent to a responder's route names no responder: the Responses limit is per access token, so an owner's
    // server reading or submitting many responses with its key is held by the address limit only, as the README says.
    public string? RateLimitCaller(EndpointDefinition endpoint, HttpRequest request, string? presented) =>
        endpoint.Auth == EndpointAuth.TenantOrAccessToken ? ResponseAccess.Presented(request) : presented;

    public string? IdempotencyScope(EndpointDefinition endpoint, HttpContext context, string? presented) =>
        context.TenantOrNull() is { } tenant ? IdempotencyKeys.TenantScope(tenant.TenantId)
            : endpoint.Auth is EndpointAuth.PanelistKey or EndpointAuth.TenantOrAccessToken && presented is not null
                ? IdempotencyKeys.CredentialScope(presented) : null;

    public async Task<ApiError?> CheckAsync(EndpointDefinition endpoint, string? presented, HttpContext context)
    {
        switch (endpoint.Auth)
        {
            case EndpointAuth.Admin:
                return admin.Check(context.Request);
            case EndpointAuth.OptionalTenant when presented is null:
                return null;
            case EndpointAuth.Tenant or EndpointAuth.StandardPlanTenant or EndpointAuth.OptionalTenant:
                return await TenantAsync(endpoint, presented, context).ConfigureAwait(false);
            case EndpointAuth.PanelistKey:
                return await panelists.AuthenticateAsync(presented, context).ConfigureAwait(false);
            case EndpointAuth.TenantOrAccessToken:
                // The key wins when both are sent, as an owner reading a responder's link with their own key expects.
                return TenantKey(endpoint, context.Request) is { } key
                    ? await TenantAsync(endpoint, key, context).ConfigureAwait(false)
                    : responses.Authorize(presented, context);
            default:
                return null;
        }
    }

    private static string? TenantKey(EndpointDefinition endpoint, HttpRequest request) =>
        ApiKeyAuthenticator.FindPresentedKey(request, endpoint.Family.AcceptsQueryToken());

    private async Task<ApiError?> TenantAsync(EndpointDefinition endpoint, string? key, HttpContext context)
    {
        var tenant = await tenantKeys.AuthenticateAsync(key, endpoint.Family.AcceptsQueryToken(), context.RequestAborted).ConfigureAwait(false);
        if (!tenant.IsSuccess)
            return tenant.Error;
        if (endpoint.Auth == EndpointAuth.StandardPlanTenant && tenant.Value.Plan < TenantPlan.Standard)
            return TenantPlans.StandardPlanRequired(tenant.Value.Plan);
        context.SetTenant(tenant.Value);
        return null;
    }
}
