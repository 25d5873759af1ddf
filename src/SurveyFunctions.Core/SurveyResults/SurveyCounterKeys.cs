using System.Globalization;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// How a survey's results live in the vote pipeline (<see cref="VoteKeys"/>). Every counter target of one survey starts
/// with <c>s.{tenant}.{uuid}.</c>, so all of its results are one range query per partition:
/// <list type="bullet">
/// <item><c>s.{tenant}.{uuid}.c</c>: completed sessions (voters only, no slots);</item>
/// <item><c>s.{tenant}.{uuid}.q{question id}</c>: one question; its voters are its answers. A choice answer adds one to
/// the slot of each option picked (the option's id, stable across edits); a rating or NPS answer to the slot of its value
/// (<see cref="CountedAnswer.ValueSlot"/>); a text answer only to the voters. A question whose type changes is a new question with a new
/// id (<see cref="SurveyAssembler"/>), so one counter never mixes option ids and values.</item>
/// </list>
/// The voter is the session (its id is unique in the tenant), so a session counts once per target however often it is
/// recorded. An answer changed after the session was counted (the Responses family's resubmission) is a vote of its own,
/// keyed by the answer's revision (<see cref="Voter(long, int)"/>): its deltas take back what the previous revision counted
/// and add the new answer, once, however often it is recorded (<see cref="SessionAnswerCounter"/>). All of a session's
/// targets are in one of <see cref="Shards"/> partitions, chosen by session id: its answers are committed together unless
/// the survey has more than about 48 questions.
/// <para>
/// Beside them, <c>u|{ticks}|{random}</c> rows (<see cref="MarkerRow"/>) mark completions (and answer changes) being
/// counted: written before the session is saved, deleted once its answers are counted, found by
/// <see cref="UncountedSessionRecovery"/> if the process died in between.
/// </para>
/// </summary>
public static class SurveyCounterKeys
{
    /// <summary>Vote partitions <c>v00…v07</c> hold survey counts. Fixed (unlike polls' VoteShards): results read exactly these.</summary>
    public const int Shards = 8;

    public const string KeyPrefix = "s.";

    public const string MarkerPrefix = "u|";
    public const string MarkerRangeEnd = "u}";

    /// <summary>The prefix shared by every target of the survey.</summary>
    public static string SurveyPrefix(string tenantId, string surveyUuid) => $"{KeyPrefix}{tenantId}.{surveyUuid}.";

    public static string CompletedSessions(string tenantId, string surveyUuid) => SurveyPrefix(tenantId, surveyUuid) + "c";

    public static string Question(string tenantId, string surveyUuid, long questionId) =>
        SurveyPrefix(tenantId, surveyUuid) + "q" + questionId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tenant and survey a survey target belongs to; false for a key that is not one.</summary>
    public static bool TryParse(string targetKey, out string tenantId, out string surveyUuid)
    {
        var parts = targetKey.Split('.');
        var valid = parts.Length == 4 && parts[0] + "." == KeyPrefix && parts[1].Length > 0 && parts[2].Length > 0;
        (tenantId, surveyUuid) = valid ? (parts[1], parts[2]) : ("", "");
        return valid;
    }

    /// <summary>The <c>p|…</c> row keys holding the survey's counters and pending rows.</summary>
    public static (string From, string To) CounterRange(string tenantId, string surveyUuid)
    {
        var start = VoteKeys.TargetPrefix + SurveyPrefix(tenantId, surveyUuid);
        return (start, start + "~"); // '~' sorts after the letters, digits and '|' that follow the prefix
    }

    /// <summary>The <c>v|…</c> row keys holding the voters (completed sessions) of every target of the survey.</summary>
    public static (string From, string To) VoterRange(string tenantId, string surveyUuid)
    {
        var start = "v|" + SurveyPrefix(tenantId, surveyUuid);
        return (start, start + "~");
    }

    public static int PartitionIndex(long sessionId) => (int)(sessionId % Shards);

    public static string Voter(long sessionId) => SessionKeys.Number(sessionId);

    /// <summary>
    /// The voter of revision <paramref name="revision"/> of one answer of the session: revision 0 (the answer as first
    /// counted) is the session itself, as it always was; each change after that is <c>{session}.{revision}</c>.
    /// </summary>
    public static string Voter(long sessionId, int revision) =>
        revision == 0 ? Voter(sessionId) : Voter(sessionId) + "." + revision.ToString(CultureInfo.InvariantCulture);




    /// <summary>A new marker's row key: time-ordered, so "older than" is a key range, and unique per finishing attempt.</summary>
    public static string MarkerRow(DateTimeOffset at) => MarkerCutoff(at) + "|" + RandomIds.Alphanumeric(8);

    /// <summary>Markers written before <paramref name="at"/> sort before this key.</summary>
    public static string MarkerCutoff(DateTimeOffset at) => MarkerPrefix + at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>When a marker was written, from its row key.</summary>
    public static DateTimeOffset MarkerTime(string rowKey) =>
        rowKey.Length >= MarkerPrefix.Length + 19 && long.TryParse(rowKey.AsSpan(MarkerPrefix.Length, 19), NumberStyles.None,
            CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : DateTimeOffset.MinValue;
}
