namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// A person who takes surveys, known by the <see cref="ExternalId"/> the client gives (<c>customer_id</c> in the Take family;
/// the Account family's <c>respondent_id</c> path parameter). <see cref="Id"/> is an integer unique in the tenant. The
/// profile keeps what the respondent's latest session told us: language, device, and location when supplied.
/// Anonymous surveys never create one.
/// </summary>
public sealed record Respondent
{
    /// <summary>The longest external id a client may give (and so the longest one worth looking up).</summary>
    public const int MaxExternalIdLength = 256;

    public required string TenantId { get; init; }
    public required long Id { get; init; }
    public required string ExternalId { get; init; }
    public string? Language { get; init; }
    public bool IsMobile { get; init; }
    public string? Country { get; init; }
    public string? Region { get; init; }
    public string? City { get; init; }
    public double? Lat { get; init; }
    public double? Lon { get; init; }
    public required DateTimeOffset LastAccessAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The profile row's ETag as read: a new session of this respondent is written only while it still holds.</summary>
    public string? ETag { get; init; }
}

/// <summary>What a session start tells us about its respondent: each field that is null leaves the stored value alone.</summary>
public sealed record RespondentDetails(string? Language, bool IsMobile, string? Country, string? Region, string? City, double? Lat, double? Lon);
