using System.Globalization;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// The events of a finished session, derived from the session as stored (never from what a request meant to store), each
/// keyed by what it reports so deriving it again gives the same event: <c>response.completed</c> or
/// <c>response.disqualified</c> once per session, and <c>response.updated</c> once per change of a completed response's
/// answers (a change is its latest answer time: a resubmission stamps the answers it changes). A change overtaken by the
/// next before its event was recorded (a process died in between) is reported by the next one's event, which carries the
/// answers as they are then.
/// </summary>
public static class ResponseEvents
{
    /// <param name="completedSince">A completion before this (past the retention period) is not reported again.</param>
    public static IEnumerable<DomainEvent> For(SurveySession session, Survey survey, DateTimeOffset completedSince)
    {
        if (!session.IsCompleted || session.CompletedAt is not { } completedAt)
            yield break;
        var sessionKey = $"{session.TenantId}|{session.SurveyUuid}|{session.Id}";
        if (session.IsDisqualified)
        {
            yield return Event(EventTypes.ResponseDisqualified, $"{EventTypes.ResponseDisqualified}|{sessionKey}", completedAt, session, survey);
            yield break;
        }
        if (completedAt >= completedSince)
            yield return Event(EventTypes.ResponseCompleted, $"{EventTypes.ResponseCompleted}|{sessionKey}", completedAt, session, survey);
        var changedAt = session.Answers.Count == 0 ? completedAt : session.Answers.Max(a => a.AnsweredAt);
        if (changedAt > completedAt)
        {
            yield return Event(EventTypes.ResponseUpdated,
                $"{EventTypes.ResponseUpdated}|{sessionKey}|{changedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}", changedAt, session, survey);
        }
    }

    private static DomainEvent Event(string type, string key, DateTimeOffset occurredAt, SurveySession session, Survey survey) => new()
    {
        Key = key,
        Type = type,
        TenantId = session.TenantId,
        OccurredAt = occurredAt,
        Resource = new JsonObject { ["survey_uuid"] = session.SurveyUuid, ["survey_id"] = session.SurveyId, ["session_id"] = session.Id },
        Data = new JsonObject
        {
            ["survey_uuid"] = session.SurveyUuid,
            ["survey_id"] = session.SurveyId,
            ["survey_name"] = survey.Name,
            ["session_id"] = session.Id,
            ["respondent"] = session.Respondent is { } r ? new JsonObject { ["id"] = r.Id, ["external_id"] = r.ExternalId } : null,
            ["language"] = session.Language,
            ["started_at"] = DomainEvent.Instant(session.StartedAt),
            ["completed_at"] = DomainEvent.Instant(session.CompletedAt),
            ["disqualified"] = session.IsDisqualified,
            // The Account family's answer shape, in the survey's default language (as the Account family reads them).
            ["answers"] = new JsonArray([.. session.Answers.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Id,
                ["question_identifier"] = a.QuestionIdentifier,
                ["question"] = AnswerText.Question(a, survey, null),
                ["answer"] = AnswerText.Describe(a, survey, null),
            })]),
        },
    };
}
