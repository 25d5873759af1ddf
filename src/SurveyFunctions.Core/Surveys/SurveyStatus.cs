namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// A survey's lifecycle: <c>draft</c> (new) → <c>active</c> → <c>paused</c>/<c>closed</c>; <c>start</c> on a paused or
/// closed survey makes it active again. The transitions themselves are in <see cref="SurveyRules"/>.
/// </summary>
public enum SurveyStatus
{
    Draft,
    Active,
    Paused,
    Closed,
}

public static class SurveyStatuses
{
    /// <summary>The wire name (the Polling.com Account Level API's <c>"status": "active"</c>).</summary>
    public static string ToWire(this SurveyStatus status) => status switch
    {
        SurveyStatus.Active => "active",
        SurveyStatus.Paused => "paused",
        SurveyStatus.Closed => "closed",
        _ => "draft",
    };

    public static bool TryParse(string? value, out SurveyStatus status)
    {
        switch (value)
        {
            case "draft": status = SurveyStatus.Draft; return true;
            case "active": status = SurveyStatus.Active; return true;
            case "paused": status = SurveyStatus.Paused; return true;
            case "closed": status = SurveyStatus.Closed; return true;
            default: status = SurveyStatus.Draft; return false;
        }
    }
}

/// <summary>Why a survey closed, as recorded in its <c>closed_reason</c>.</summary>
public static class SurveyCloseReasons
{
    /// <summary>The owner called <c>POST /api/surveys/{uuid}/close</c>.</summary>
    public const string Manual = "manual";

    /// <summary><c>stop_criteria: date</c> reached (recorded by the closing job; submissions are refused from that instant anyway).</summary>
    public const string StopDate = "stop_date";

    /// <summary><c>stop_criteria: responses</c> reached.</summary>
    public const string Quota = "quota";
}
