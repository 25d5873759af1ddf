using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The QuestionPro survey-taking API's <c>response.status</c> values, and which taking outcome each one words. <c>survey_suspended</c> and
/// <c>survey_opt_out</c> name states this backend does not have (no account suspension, no opt-out flow) and are never sent.
/// </summary>
public static class TakingStatuses
{
    public const string Success = "success";
    public const string ValidationErrors = "validation_errors";
    public const string AuthenticationRequired = "authentication_required";
    public const string AlreadyCompleted = "already_completed";
    public const string QuotaFull = "quota_full";
    public const string SurveyComplete = "survey_complete";
    public const string Terminated = "terminated";
    public const string SurveyClosed = "survey_closed";
    public const string SurveyPaused = "survey_paused";
    public const string LanguageSelectionRequired = "language_selection_required";
    public const string Redirect = "redirect";
    public const string Error = "error";

    public static string For(TakingOutcome outcome) => outcome.State switch
    {
        TakingState.Page => Success,
        TakingState.LanguageRequired => LanguageSelectionRequired,
        TakingState.ValidationFailed => ValidationErrors,
        TakingState.Completed or TakingState.Disqualified when outcome.RedirectByRule => Redirect,
        TakingState.Completed => SurveyComplete,
        TakingState.Disqualified => Terminated,
        TakingState.AlreadyCompleted => AlreadyCompleted,
        TakingState.Redirect => Redirect,
        TakingState.SessionNotFound => AuthenticationRequired,
        TakingState.Unavailable => outcome.Availability switch
        {
            SurveyAvailability.Paused => SurveyPaused,
            SurveyAvailability.QuotaFull => QuotaFull,
            // Draft (never started), not started yet (start_trigger: date) and closed all mean "not taking responses".
            _ => SurveyClosed,
        },
        _ => Error,
    };
}
