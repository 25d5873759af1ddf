using System.Text.Json.Serialization;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Views;

/// <summary>
/// The one wire shape of a session and its answers: the Polling.com Account Level API's, which the NDJSON export writes too
/// (one per line, with the respondent's id). Field names become snake_case through <see cref="Http.Json.ApiJson"/>, in its
/// documentation's order.
/// </summary>
public static class SessionViews
{
    /// <summary><c>answer</c> and <c>question</c> are always strings (<see cref="AnswerText"/>).</summary>
    public sealed record AnswerView(long Id, string QuestionIdentifier, string Question, string Answer);

    /// <summary>
    /// A session; <c>survey_uuid</c> only where its documentation shows it (a respondent's sessions, which span surveys), not in
    /// <c>sessions-by-respondent</c> (one survey); <c>respondent_id</c> (the respondent's external id) only in exports, which list
    /// many respondents' sessions, and with them <c>hidden_fields</c> when the survey declares any (the declared fields the session
    /// started with a value for, by name; <c>{}</c> when none). <c>completed_at</c> is null until the session finishes.
    /// </summary>
    public sealed record SessionView(
        long Id,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RespondentId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SurveyUuid,
        bool IsCompleted,
        bool IsDisqualified,
        DateTimeOffset StartedAt,
        DateTimeOffset? CompletedAt,
        IReadOnlyList<AnswerView> Answers,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? HiddenFields = null);

    /// <summary>Which optional fields a <see cref="SessionView"/> shows.</summary>
    public enum SessionFields
    {
        /// <summary>A session of the survey the caller asked about.</summary>
        Plain,

        /// <summary>With <c>survey_uuid</c>: a respondent's sessions, which span surveys.</summary>
        WithSurveyUuid,

        /// <summary>With <c>respondent_id</c> (anonymous sessions have none) and the hidden fields: an export, which lists many
        /// respondents' sessions.</summary>
        WithRespondentId,
    }

    /// <param name="survey">The survey the session belongs to: it names the questions and options the answers refer to.</param>
    /// <param name="session">The session.</param>
    /// <param name="fields">Which optional fields to show.</param>
    public static SessionView Session(Survey survey, SurveySession session, SessionFields fields) => new(
        session.Id,
        fields == SessionFields.WithRespondentId ? session.Respondent?.ExternalId : null,
        fields == SessionFields.WithSurveyUuid ? session.SurveyUuid : null,
        session.IsCompleted,
        session.IsDisqualified,
        session.StartedAt,
        session.CompletedAt,
        // In the survey's default language (null), not the session's: answers of every session read alike.
        session.Answers.Select(a => new AnswerView(a.Id, a.QuestionIdentifier, AnswerText.Question(a, survey, null),
            AnswerText.Describe(a, survey, null))).ToArray(),
        fields == SessionFields.WithRespondentId && survey.HiddenFields.Count > 0
            ? survey.HiddenFields.Where(session.HiddenFields.ContainsKey).ToDictionary(name => name, name => session.HiddenFields[name],
                StringComparer.Ordinal)
            : null);
}
