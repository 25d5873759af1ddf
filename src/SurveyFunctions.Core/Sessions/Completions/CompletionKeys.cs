using System.Globalization;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions.Completions;

/// <summary>
/// Keys of the <c>sessioncompletions</c> table. Each survey's completions are spread over <see cref="Shards"/> partitions
/// <c>{tenant}|{survey uuid}|{shard}</c>, each holding:
/// <list type="bullet">
/// <item>RK <c>tally</c>: how many sessions finished in this shard (qualified and disqualified), updated with If-Match in the
/// same transaction as the markers below, so the count is exact;</item>
/// <item>RK <c>session|{session id:D19}</c>: one marker per finished session. Its insert fails when the session was already
/// counted, which makes counting exactly-once under retries and races;</item>
/// <item>RK <c>respondent|{respondent key}</c>: each identified respondent who finished (the Account family's
/// <c>respondents/list</c>); anonymous sessions write none.</item>
/// </list>
/// A survey with a response cap sends every completion to shard 0, so the cap is one tally under If-Match (exact across
/// instances); other surveys spread by respondent (or session), so a hot survey is not one hot partition. Completions a
/// survey collected before it got a cap stay in their shards and still count (<see cref="SessionCompletions.CountAsync"/>).
/// </summary>
public static class CompletionKeys
{
    public const int Shards = 8;
    public const string TallyRow = "tally";
    public const string SessionPrefix = "session|";
    public const string RespondentPrefix = "respondent|";

    public static string Partition(string tenantId, string surveyUuid, int shard) =>
        $"{tenantId}|{surveyUuid}|{shard.ToString(CultureInfo.InvariantCulture)}";

    public static string SessionRow(long sessionId) => SessionPrefix + SessionKeys.Number(sessionId);

    public static string RespondentRow(string respondentKey) => RespondentPrefix + respondentKey;

    /// <summary>Where a session's completion is counted: shard 0 for a capped survey, else by respondent (or session).</summary>
    public static int ShardFor(SurveySettings settings, SessionLocator session)
    {
        if (settings.CountsResponses)
            return 0;
        return session.RespondentKey is { } key
            ? Convert.ToInt32(key[..2], 16) % Shards
            : (int)(session.SessionId % Shards);
    }
}
