using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.Account;

/// <summary>
/// The Polling.com Account Level API's respondent shape (its survey shape is <see cref="SurveyViews.Full"/>, shared with the
/// management API; its session shape is <see cref="SessionViews"/>, shared with exports). Field names become snake_case through
/// <see cref="Http.Json.ApiJson"/>, in its documentation's order.
/// </summary>
public static class AccountViews
{
    /// <summary>
    /// A respondent. <c>is_anonymous</c> is always false: anonymous surveys store no identity, so every respondent the API
    /// can find was identified (by the <c>customer_id</c> its sessions were started with).
    /// </summary>
    public sealed record RespondentView(
        long Id,
        string ExternalId,
        string? Country,
        string? Region,
        string? City,
        string? Language,
        bool IsAnonymous,
        bool IsMobile,
        double? Lat,
        double? Lon,
        DateTimeOffset LastAccessAt,
        IReadOnlyList<SessionViews.SessionView> Sessions,
        DateTimeOffset CreatedAt);

    public static RespondentView Respondent(Respondent respondent, IReadOnlyList<SessionViews.SessionView> sessions) => new(
        respondent.Id,
        respondent.ExternalId,
        respondent.Country,
        respondent.Region,
        respondent.City,
        respondent.Language,
        IsAnonymous: false,
        respondent.IsMobile,
        respondent.Lat,
        respondent.Lon,
        respondent.LastAccessAt,
        sessions,
        respondent.CreatedAt);
}
