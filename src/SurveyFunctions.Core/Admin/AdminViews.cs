namespace SurveyFunctions.Core.Admin;

/// <summary>
/// Reply bodies of the admin endpoints (snake_case via the API's serializer options). Records rather than anonymous
/// objects so the OpenAPI document's schemas can be checked against them.
/// </summary>
public static class AdminViews
{
    /// <summary>A new tenant with its first API key: the only time the key itself is shown.</summary>
    public sealed record TenantCreated(string TenantId, string Name, string Plan, string ApiKey, string KeyId, DateTimeOffset CreatedAt);

    /// <summary>A tenant and the ids of all its keys (never the keys: only their hashes are stored).</summary>
    public sealed record TenantDetails(string TenantId, string Name, string Plan, DateTimeOffset CreatedAt, IReadOnlyList<KeySummary> Keys);

    /// <summary><c>revoked_at</c> is null while the key works.</summary>
    public sealed record KeySummary(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    /// <summary>A rotated-in key, shown once.</summary>
    public sealed record KeyIssued(string TenantId, string KeyId, string ApiKey);

    public sealed record KeyRevoked(string TenantId, string KeyId, bool Revoked);
}
