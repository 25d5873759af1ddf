namespace SurveyFunctions.Core.Http;

/// <summary>Who may call an endpoint. The dispatcher checks it once, before the handler runs, in the family's auth forms.</summary>
public enum EndpointAuth
{
    /// <summary>Anyone; a presented key is ignored (public endpoints that never show more to an owner).</summary>
    Anonymous,

    /// <summary>Anyone; a presented key is checked (401 if bad) and an owner may see more.</summary>
    OptionalTenant,

    /// <summary>A valid API key of the tenant; every read and write is scoped to it.</summary>
    Tenant,

    /// <summary>
    /// As <see cref="Tenant"/>, and the tenant's plan must be Standard or above, else 403 (the Account seed: "available
    /// exclusively on the Standard Plan and above"). Checked here, once, so no handler of a gated family can forget it.
    /// </summary>
    StandardPlanTenant,

    /// <summary>The operator's X-Admin-Key (tenant bootstrap).</summary>
    Admin,
}
