namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// One person the tenant invites to one survey, known by the tenant's own <see cref="PanelistId"/> (a customer id, an email
/// hash). Created on the tenant's first <c>GET …/panelists/{panelistId}</c>; the person answers with the public key
/// <c>{KeyId}:{secret}</c>, whose secret is derived (<see cref="PanelistKeys"/>) and stored only as a hash. Their sessions
/// are ordinary sessions of the taking flow with <see cref="PanelistId"/> as the respondent's external id.
/// </summary>
public sealed record Panelist
{
    public required string TenantId { get; init; }
    public required string SurveyUuid { get; init; }
    public required string PanelistId { get; init; }

    /// <summary>The public key's id (before the colon): the key row's partition.</summary>
    public required string KeyId { get; init; }

    /// <summary>The signing key the secret was derived with, so the same key can be shown again after a new signing key is added.</summary>
    public required string SigningKeyId { get; init; }

    /// <summary>Taking sessions the panelist started (a resumed session is not a new one).</summary>
    public int SessionCount { get; init; }

    public DateTimeOffset? ActivityStartedAt { get; init; }
    public DateTimeOffset? ActivityMostRecentAt { get; init; }
    public DateTimeOffset? DismissedMostRecentAt { get; init; }

    /// <summary>The latest session (to resume it; on anonymous surveys the taking flow does not find it by respondent).</summary>
    public long? CurrentSessionId { get; init; }

    /// <summary>The latest session's respondent key: null when it is a session without respondent (an anonymous survey).</summary>
    public string? CurrentSessionRespondentKey { get; init; }

    /// <summary>A session of the panelist finished (completed or disqualified).</summary>
    public bool HasResponded { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? ETag { get; init; }
}
