namespace SurveyFunctions.Core.Http.Routing;

/// <summary>
/// Who may call an endpoint. The dispatcher checks it once, before the handler runs, through <see cref="ICredentialChecker"/>
/// in the auth forms of the route's family; a presented credential that fails counts against the caller's budget of
/// failed authentications whatever its form.
/// </summary>
public enum EndpointAuth
{
    /// <summary>Anyone; a presented key is ignored (public endpoints that never show more to an owner).</summary>
    Anonymous,

    /// <summary>Anyone; a presented key is checked (401 if bad) and an owner may see more.</summary>
    OptionalTenant,

    /// <summary>A valid API key of the tenant; every read and write is scoped to it.</summary>
    Tenant,

    /// <summary>
    /// As <see cref="Tenant"/>, and the tenant's plan must be Standard or above, else 403 (the Polling.com Account Level API:
    /// "available exclusively on the Standard Plan and above"). Checked here, once, so no handler of a gated family can forget it.
    /// </summary>
    StandardPlanTenant,

    /// <summary>The operator's X-Admin-Key (tenant bootstrap).</summary>
    Admin,

    /// <summary>A panelist's public key in <c>X-Panelist-Key</c>, opening that panelist and their survey.</summary>
    PanelistKey,

    /// <summary>
    /// The tenant's API key, or else a survey response's own <c>access_token</c> query parameter (the links a responder is
    /// given work without a key): the response the path names, and only that one.
    /// </summary>
    TenantOrAccessToken,
}
