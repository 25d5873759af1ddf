namespace SurveyFunctions.Core.Tenants;

/// <summary>Who a request is for: the tenant its API key belongs to. Every tenant-scoped read and write takes one.</summary>
public sealed record TenantContext(string TenantId, TenantPlan Plan, string KeyId);
