using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Whether a survey takes responses, as every taking call decides it: <see cref="SurveyRules.Availability"/> with the
/// completed count read when the survey has a response cap.
/// </summary>
public sealed class TakingAvailability(SessionCompletions completions, TimeProvider time)
{
    /// <summary>
    /// Whether the survey takes responses now, exactly as the taking flow decides it (for families that report the survey's
    /// state outside a taking call, such as the Votito panelist API's <c>survey.status</c> and <c>canRespond</c>).
    /// </summary>
    public Task<SurveyAvailability> NowAsync(Survey survey, CancellationToken ct) => AtAsync(survey, time.GetUtcNow(), ct);

    /// <summary>
    /// Availability at <paramref name="now"/>. A survey the cap closed is full, not just closed: respondents hear
    /// <c>quota_full</c>.
    /// </summary>
    public async Task<SurveyAvailability> AtAsync(Survey survey, DateTimeOffset now, CancellationToken ct)
    {
        if (survey.Status == SurveyStatus.Closed && survey.ClosedReason == SurveyCloseReasons.Quota)
            return SurveyAvailability.QuotaFull;
        var completed = survey.Status == SurveyStatus.Active && survey.Settings.CountsResponses
            ? (await completions.CountAsync(survey.TenantId, survey.Uuid, ct).ConfigureAwait(false)).Completed
            : 0;
        return SurveyRules.Availability(survey, now, completed);
    }
}
