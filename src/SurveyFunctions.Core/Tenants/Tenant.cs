namespace SurveyFunctions.Core.Tenants;

public sealed record Tenant(string TenantId, string Name, TenantPlan Plan, DateTimeOffset CreatedAt);

public sealed record TenantKeyInfo(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A freshly issued key. The only time the plain key exists outside the caller's hands.</summary>
public sealed record IssuedKey(string TenantId, string KeyId, string ApiKey);
