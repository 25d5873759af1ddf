namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// Where a session is stored: enough to read it with one single-partition query, without any lookup. Session tokens carry
/// it. <paramref name="RespondentKey"/> is the respondent's storage key (<see cref="RespondentKeys"/>) for sessions of an
/// identified respondent, which live in the respondent's partition; null for a session without a respondent.
/// </summary>
public sealed record SessionLocator(string TenantId, string SurveyUuid, long SessionId, string? RespondentKey);
