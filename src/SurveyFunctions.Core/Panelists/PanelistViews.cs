using System.Text.Json.Serialization;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Panelists;

/// <summary>The Votito panelist API's response, field for field (camelCase as its documentation writes it), and the panelist side's
/// replies.</summary>
internal static class PanelistViews
{
    /// <summary><c>GET /tenant/surveys/{surveyId}/panelists/{panelistId}</c>: <c>{"panelist": {…}, "survey": {…}}</c>.</summary>
    public sealed record Access(
        [property: JsonPropertyName("panelist")] PanelistView Panelist,
        [property: JsonPropertyName("survey")] SurveyView Survey);

    public sealed record PanelistView(
        [property: JsonPropertyName("canRespond")] bool CanRespond,
        [property: JsonPropertyName("sessionCount")] int SessionCount,
        [property: JsonPropertyName("activityStartedUnixTs")] long? ActivityStartedUnixTs,
        [property: JsonPropertyName("activityMostRecentUnixTs")] long? ActivityMostRecentUnixTs,
        [property: JsonPropertyName("dismissedMostRecentUnixTs")] long? DismissedMostRecentUnixTs,
        [property: JsonPropertyName("publicKey")] string PublicKey,
        [property: JsonPropertyName("hostedResponseUrl")] string HostedResponseUrl);

    /// <summary><c>status</c> is DRAFT, OPEN or CLOSED (<see cref="PanelistState"/>); <c>title</c> the survey's name.</summary>
    public sealed record SurveyView(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("title")] string Title);

    /// <summary>
    /// The panelist side's answer to opening, submitting and dismissing: <c>status</c> in the Take family's words
    /// (<c>success</c>, <c>validation_errors</c>, <c>survey_complete</c>, <c>terminated</c>, <c>already_completed</c>,
    /// <c>redirect</c>, <c>survey_closed</c>, <c>survey_paused</c>, <c>quota_full</c>, <c>language_selection_required</c>,
    /// <c>authentication_required</c>, <c>dismissed</c>), the session token to submit the shown page with, and the page itself
    /// with the Take family's question views. <c>redirectUrl</c> is where a finished session goes now (as the Take family gives
    /// it); <c>completion</c> is the survey's ending, always present, which the page applies when the session finishes.
    /// </summary>
    public sealed record Reply(
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("sessionToken")] string? SessionToken,
        [property: JsonPropertyName("survey")] ReplySurvey Survey,
        [property: JsonPropertyName("panelist")] ReplyPanelist Panelist,
        [property: JsonPropertyName("progress")] Progress? Progress,
        [property: JsonPropertyName("questions")] IReadOnlyList<QuestionViews.Question>? Questions,
        [property: JsonPropertyName("validationErrors")] IReadOnlyList<QuestionViews.ValidationError>? ValidationErrors,
        [property: JsonPropertyName("redirectUrl")] string? RedirectUrl,
        [property: JsonPropertyName("completion")] SurveyCompletion Completion);

    /// <summary><c>language</c>: the session's language (else the survey's default), for the page's <c>lang</c>.</summary>
    public sealed record ReplySurvey(
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("language")] string Language);

    public sealed record ReplyPanelist(
        [property: JsonPropertyName("canRespond")] bool CanRespond,
        [property: JsonPropertyName("sessionCount")] int SessionCount,
        [property: JsonPropertyName("dismissedMostRecentUnixTs")] long? DismissedMostRecentUnixTs);

    /// <summary><c>page</c> is 1-based; <c>percentage</c> the share of pages already submitted.</summary>
    public sealed record Progress(
        [property: JsonPropertyName("page")] int Page,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("percentage")] int Percentage,
        [property: JsonPropertyName("isFinalPage")] bool IsFinalPage);
}
