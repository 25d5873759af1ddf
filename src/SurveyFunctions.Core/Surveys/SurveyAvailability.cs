namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Whether a survey takes responses right now, and if not why (<see cref="SurveyRules.Availability"/>). Every family that
/// accepts answers maps these to its own wording: the Take family's <c>survey_closed</c>, <c>survey_paused</c>,
/// <c>quota_full</c>; Panelists' <c>CLOSED</c>; Responses' <c>409 disabled</c>.
/// </summary>
public enum SurveyAvailability
{
    /// <summary>Active, started, not past its stop date, not full.</summary>
    Open,

    /// <summary>Active, but <c>start_trigger: date</c> and <c>start_at</c> is still ahead.</summary>
    NotStarted,

    /// <summary>Closed (manually or by the timer), or <c>stop_criteria: date</c> and the stop date has come.</summary>
    Closed,

    Paused,

    /// <summary><c>stop_criteria: responses</c> and that many sessions completed.</summary>
    QuotaFull,

    /// <summary>Never started.</summary>
    Draft,
}

public static class SurveyAvailabilities
{
    public static string ToWire(this SurveyAvailability availability) => availability switch
    {
        SurveyAvailability.Open => "open",
        SurveyAvailability.NotStarted => "not_started",
        SurveyAvailability.Closed => "closed",
        SurveyAvailability.Paused => "paused",
        SurveyAvailability.QuotaFull => "quota_full",
        _ => "draft",
    };
}
