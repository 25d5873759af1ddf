namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>
/// Rows an API family keeps per survey (panelists, responses), deleted by each purge pass before the shared domain's own
/// (sessions, completions, counters), in registration order. Like every purge step: only this tenant's survey's keys,
/// at most <c>limit</c> rows, rows already gone tolerated, the number deleted returned.
/// </summary>
public interface ISurveyRowsPurge
{
    Task<int> DeleteSurveyRowsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct);
}
