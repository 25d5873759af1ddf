using System.Text.Json.Serialization;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Account;

/// <summary>
/// The Polling.com Account Level API's session, answer and respondent shapes (its survey shape is <see cref="Views.SurveyViews.Full"/>, shared with
/// the management API). Field names become snake_case through <see cref="Http.Json.ApiJson"/>, in its documentation's order.
/// </summary>
public static class AccountViews
{
    /// <summary><c>answer</c> and <c>question</c> are always strings (<see cref="AnswerText"/>).</summary>
    public sealed record AnswerView(long Id, string QuestionIdentifier, string Question, string Answer);

    /// <summary>
    /// A session; <c>survey_uuid</c> only where its documentation shows it (a respondent's sessions, which span surveys), not in
    /// <c>sessions-by-respondent</c> (one survey). <c>completed_at</c> is null until the session finishes.
    /// </summary>
    public sealed record SessionView(
        long Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SurveyUuid,
        bool IsCompleted,
        bool IsDisqualified,
        DateTimeOffset StartedAt,
        DateTimeOffset? CompletedAt,
        IReadOnlyList<AnswerView> Answers);

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
        IReadOnlyList<SessionView> Sessions,
        DateTimeOffset CreatedAt);

    /// <param name="survey">The survey the session belongs to: it names the questions and options the answers refer to.</param>
    /// <param name="withSurveyUuid">Whether to show <c>survey_uuid</c> (a respondent's sessions).</param>
    public static SessionView Session(Survey survey, SurveySession session, bool withSurveyUuid) => new(
        session.Id,
        withSurveyUuid ? session.SurveyUuid : null,
        session.IsCompleted,
        session.IsDisqualified,
        session.StartedAt,
        session.CompletedAt,
        // In the survey's default language (null), not the session's: answers of every session read alike.
        session.Answers.Select(a => new AnswerView(a.Id, a.QuestionIdentifier, AnswerText.Question(a, survey, null),
            AnswerText.Describe(a, survey, null))).ToArray());

    public static RespondentView Respondent(Respondent respondent, IReadOnlyList<SessionView> sessions) => new(
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
