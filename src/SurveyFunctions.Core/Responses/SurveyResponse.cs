using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// A survey response offered to a responder (the Responses family: Zendesk's Help Center survey responses API). It IS
/// a session of the shared domain: the
/// session (<see cref="Session"/>) holds the answers and counts in completions, the Account family and results; this record
/// adds what only this family knows: the ULID <see cref="Id"/> it is addressed by, the responder's id as Zendesk types it
/// (an integer; the session's respondent external id is its decimal form), the subjects it is about, and when it expires.
/// Written once at creation and never changed: everything that changes lives on the session.
/// </summary>
public sealed record SurveyResponse
{
    public required string TenantId { get; init; }
    public required string Id { get; init; }
    public required string SurveyUuid { get; init; }
    public required SessionLocator Session { get; init; }
    public required long ResponderId { get; init; }
    public required IReadOnlyList<string> SubjectZrns { get; init; }

    /// <summary>The locale the response was offered in (lower case, as in its links' <c>/hc/{locale}/…</c>).</summary>
    public required string Locale { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this, answers are refused and the response's <c>access_token</c> no longer works.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
