using System.Globalization;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The survey lifecycle and the one answer to "does it take responses now?". Pure functions of the survey, the clock and
/// (for a response cap) the completed count, so every family and the closing job decide the same way, whether or not the
/// closing job has run yet.
/// </summary>
public static class SurveyRules
{
    /// <summary>
    /// Draft, paused or closed → active. Reopening clears the close reason. A survey without questions cannot be started, nor
    /// one whose stop date has passed (it would be active and still refuse everything): move <c>stop_value</c> or change
    /// <c>stop_criteria</c> first. Its logic is checked once more (<see cref="SurveyLogicCheck"/>), so no survey that could
    /// not be taken (one stored before a check existed) goes live.
    /// </summary>
    public static Outcome<Survey> Start(Survey survey, DateTimeOffset now)
    {
        if (survey.Status == SurveyStatus.Active)
            return SurveyErrors.InvalidState("The survey is already active.");
        if (!survey.Questions.Any())
            return SurveyErrors.InvalidState("The survey has no questions yet; add pages with questions before starting it.");
        if (IsPastStopDate(survey.Settings, now))
            return SurveyErrors.InvalidState(
                $"The survey's stop date ({Format(survey.Settings.StopDate!.Value)}) has passed; change settings.stop_value or " +
                "settings.stop_criteria before starting it.");
        if (SurveyLogicCheck.Check(survey) is { } logic)
            return logic;
        return survey with { Status = SurveyStatus.Active, ClosedAt = null, ClosedReason = null, UpdatedAt = now };
    }

    /// <summary>Active → paused. Paused surveys keep their sessions; respondents are told the survey is paused.</summary>
    public static Outcome<Survey> Pause(Survey survey, DateTimeOffset now) =>
        survey.Status == SurveyStatus.Active
            ? survey with { Status = SurveyStatus.Paused, UpdatedAt = now }
            : SurveyErrors.InvalidState($"Only an active survey can be paused; this one is {survey.Status.ToWire()}.");

    /// <summary>Draft, active or paused → closed, recording <paramref name="reason"/> (manual for the close endpoint).</summary>
    public static Outcome<Survey> Close(Survey survey, DateTimeOffset now, string reason = SurveyCloseReasons.Manual) =>
        survey.Status == SurveyStatus.Closed
            ? SurveyErrors.InvalidState("The survey is already closed.")
            : survey with { Status = SurveyStatus.Closed, ClosedAt = now, ClosedReason = reason, UpdatedAt = now };

    /// <summary>
    /// Whether the survey takes responses at <paramref name="now"/>. <paramref name="completedResponses"/> matters only when
    /// <see cref="SurveySettings.CountsResponses"/> (pass the number of completed sessions; otherwise 0 is fine).
    /// Order: lifecycle status first (draft, paused, closed), then the start date, the stop date and the cap.
    /// </summary>
    public static SurveyAvailability Availability(Survey survey, DateTimeOffset now, long completedResponses)
    {
        switch (survey.Status)
        {
            case SurveyStatus.Draft: return SurveyAvailability.Draft;
            case SurveyStatus.Paused: return SurveyAvailability.Paused;
            case SurveyStatus.Closed: return SurveyAvailability.Closed;
        }
        var settings = survey.Settings;
        if (settings.StartTrigger == StartTrigger.Date && settings.StartAt is { } startAt && now < startAt)
            return SurveyAvailability.NotStarted;
        if (IsPastStopDate(settings, now))
            return SurveyAvailability.Closed;
        if (settings.StopCriteria == StopCriteria.Responses && settings.StopResponses is { } cap && completedResponses >= cap)
            return SurveyAvailability.QuotaFull;
        return SurveyAvailability.Open;
    }

    /// <summary>With <c>stop_criteria: date</c>, the survey refuses everything from the stop instant on.</summary>
    public static bool IsPastStopDate(SurveySettings settings, DateTimeOffset now) =>
        settings.StopCriteria == StopCriteria.Date && settings.StopDate is { } stop && now >= stop;

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
