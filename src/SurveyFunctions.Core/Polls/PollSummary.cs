namespace SurveyFunctions.Core.Polls;

/// <summary>What <c>GET /api/polls</c> lists; kept in the tenant's index partition so listing is one query.</summary>
public sealed record PollSummary(
    string Id,
    string Title,
    string? Description,
    string Mode,
    bool Published,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
