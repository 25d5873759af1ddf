using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The Votito panelist API's <c>survey.status</c> and <c>canRespond</c>, decided as the taking flow decides availability (status, start and
/// stop dates, response cap), so what the tenant is told matches what the panelist will meet.
/// </summary>
public sealed class PanelistState(TakingAvailability availability, SessionStore sessions)
{
    public const string Draft = "DRAFT";
    public const string Open = "OPEN";
    public const string Closed = "CLOSED";

    /// <summary>
    /// DRAFT for a survey never started; OPEN while it takes responses; CLOSED otherwise: closed, paused, full, past its stop
    /// date, or not yet at its start date (the Votito panelist API has no word for "scheduled", and "open" would promise what the panelist
    /// cannot do yet).
    /// </summary>
    public async Task<(string Status, bool IsOpen)> SurveyStatusAsync(Survey survey, CancellationToken ct)
    {
        if (survey.Status == SurveyStatus.Draft)
            return (Draft, false);
        var open = await availability.NowAsync(survey, ct).ConfigureAwait(false);
        return open == SurveyAvailability.Open ? (Open, true) : (Closed, false);
    }

    /// <summary>
    /// Open, and the panelist has a response left: always with <c>allow_multiple_responses</c>, else only until one of their
    /// sessions finished. On surveys that know respondents, their sessions are the record (so a finish whose panelist update
    /// was lost still counts); on anonymous surveys, the panelist's own flag.
    /// </summary>
    public async Task<bool> CanRespondAsync(Survey survey, Panelist panelist, bool isOpen, CancellationToken ct)
    {
        if (!isOpen)
            return false;
        if (survey.Settings.AllowMultipleResponses)
            return true;
        if (panelist.HasResponded)
            return false;
        if (survey.Settings.IsAnonymous)
            return true;
        var own = await sessions.ListRespondentSessionsAsync(survey.TenantId, panelist.PanelistId, survey.Uuid, ct).ConfigureAwait(false);
        return !own.Any(s => s.IsCompleted);
    }
}
