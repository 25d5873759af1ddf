using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Records that a survey reached its stop date: status closed, reason <c>stop_date</c>, closed at the stop instant. Called
/// by the closing job for each due schedule row. Submissions never wait for this: availability refuses them from the
/// stop instant on.
/// </summary>
public sealed class SurveyCloser(SurveyStore surveys)
{
    /// <summary>True when it closed the survey; false when it is gone, already closed, or not due (its date moved).</summary>
    public async Task<bool> CloseIfDueAsync(string tenantId, string uuid, DateTimeOffset now, CancellationToken ct)
    {
        var closed = await surveys.UpdateAsync(tenantId, uuid, current => Task.FromResult(
            current.Status != SurveyStatus.Closed && SurveyRules.IsPastStopDate(current.Settings, now)
                ? current with { Status = SurveyStatus.Closed, ClosedAt = current.Settings.StopDate, ClosedReason = SurveyCloseReasons.StopDate,
                    UpdatedAt = now }
                : (Outcome<Survey>)SurveyErrors.InvalidState("Not due for closing.")), ct).ConfigureAwait(false);
        return closed.IsSuccess;
    }
}
