using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Tenants;

/// <summary>A tenant's plan, lowest first (plans compare by order). The Account family is for Standard and above, as its documentation
/// says.</summary>
public enum TenantPlan
{
    Free,
    Standard,
    Enterprise,
}

public static class TenantPlans
{
    public static bool TryParse(string? value, out TenantPlan plan)
    {
        switch (value)
        {
            case "free": plan = TenantPlan.Free; return true;
            case "standard": plan = TenantPlan.Standard; return true;
            case "enterprise": plan = TenantPlan.Enterprise; return true;
            default: plan = TenantPlan.Free; return false;
        }
    }

    /// <summary>The stored plan; an unknown value (never written by us) reads as the lowest plan.</summary>
    public static TenantPlan ParseStored(string? value) => TryParse(value, out var plan) ? plan : TenantPlan.Free;

    public static string ToWire(this TenantPlan plan) => plan switch
    {
        TenantPlan.Standard => "standard",
        TenantPlan.Enterprise => "enterprise",
        _ => "free",
    };

    /// <summary>The 403 of an endpoint gated by <see cref="EndpointAuth.StandardPlanTenant"/>: the key is valid, the plan too low.</summary>
    public static ApiError StandardPlanRequired(TenantPlan plan) =>
        ApiError.Forbidden(
            $"This API is available on the Standard plan and above; this account is on the {plan.ToWire()} plan. Upgrade the plan to use it.");
}
