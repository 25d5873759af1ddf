using System.Globalization;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// Keys of the <c>sessions</c> table. A session lives in its respondent's partition, <c>{tenant}|r|{respondent key}</c>,
/// beside the respondent's profile (RK "") and their other sessions; a session without a respondent (anonymous survey, no
/// <c>customer_id</c>) has a partition of its own, <c>{tenant}|s|{session id}</c>. A hot survey is therefore spread over
/// as many partitions as it has respondents, and everything about one respondent is one partition:
/// <list type="bullet">
/// <item>RK <c>s|{survey uuid}|{session id:D19}</c>: the session row;</item>
/// <item>RK <c>s|{survey uuid}|{session id:D19}|p|{page index:D4}</c>: its answers given on that page, one row per page (a page
/// holds up to 100 questions, and its answers fit one row since a submission is at most 64 KiB), so a submission is one
/// transaction of three rows at most: session, page, profile.</item>
/// </list>
/// Beside them, each survey's sessions are listed in <see cref="SurveyIndexShards"/> partitions of their own,
/// <c>{tenant}|i|{survey uuid}|{shard}</c>, RK <c>{session id:D19}</c> (<see cref="IndexRow"/>), each naming where its session
/// lives: the only way to find a survey's sessions without reading the tenant's every respondent, which is what deleting a
/// survey needs (<see cref="SurveyPurge.SurveyPurger"/>). Sharded by session id, so a hot survey does not share one partition.
/// So a session and its answers are one range query; a respondent's sessions in one survey are one range query (the Account
/// family's <c>sessions-by-respondent</c>), and all of a respondent's sessions one partition query (<c>respondents/{id}</c>).
/// Session, answers and profile change together in entity group transactions.
/// </summary>
public static class SessionKeys
{
    /// <summary>The respondent profile's row key in the respondent's partition.</summary>
    public const string ProfileRow = "";

    private const string SessionPrefix = "s|";

    /// <summary>Sorts after every character a key here contains (digits, lowercase hex, '-', '|'), so "prefix…~" bounds a range.</summary>
    private const string RangeEnd = "~";

    public static string Partition(SessionLocator locator) =>
        locator.RespondentKey is { } respondent
            ? RespondentPartition(locator.TenantId, respondent)
            : $"{locator.TenantId}|s|{Number(locator.SessionId)}";

    /// <summary>How many partitions hold one survey's session index.</summary>
    public const int SurveyIndexShards = 8;

    public static string SurveyIndexPartition(string tenantId, string surveyUuid, int shard) =>
        $"{tenantId}|i|{surveyUuid}|{shard.ToString(CultureInfo.InvariantCulture)}";

    public static string SurveyIndexPartition(SessionLocator locator) =>
        SurveyIndexPartition(locator.TenantId, locator.SurveyUuid, (int)(locator.SessionId % SurveyIndexShards));

    public static string IndexRow(long sessionId) => Number(sessionId);

    public static string RespondentPartition(string tenantId, string respondentKey) => $"{tenantId}|r|{respondentKey}";

    public static string SessionRow(string surveyUuid, long sessionId) => $"{SessionPrefix}{surveyUuid}|{Number(sessionId)}";

    public static string PageRow(string surveyUuid, long sessionId, int pageIndex) =>
        $"{SessionRow(surveyUuid, sessionId)}|p|{pageIndex.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>The row key range holding one session row and its answer rows.</summary>
    public static (string From, string To) SessionRange(string surveyUuid, long sessionId)
    {
        var row = SessionRow(surveyUuid, sessionId);
        return (row, row + "|" + RangeEnd);
    }

    /// <summary>The row key range holding a respondent's sessions (and their answers) in one survey.</summary>
    public static (string From, string To) SurveyRange(string surveyUuid) => ($"{SessionPrefix}{surveyUuid}|",
        $"{SessionPrefix}{surveyUuid}|{RangeEnd}");

    /// <summary>The row key range holding all of a respondent's sessions and answers.</summary>
    public static (string From, string To) AllSessionsRange => (SessionPrefix, "s" + RangeEnd);

    /// <summary>Fixed width, so key order is numeric order.</summary>
    public static string Number(long value) => value.ToString("D19", CultureInfo.InvariantCulture);
}
