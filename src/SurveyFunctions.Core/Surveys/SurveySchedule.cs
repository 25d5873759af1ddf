using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Surveys with <c>stop_criteria: date</c> in the closing schedule that polls use (the <c>pollschedule</c> table: hour
/// buckets walked by one closing job, so closing reads one bucket per hour instead of scanning every poll and survey).
/// A survey's row is keyed <c>survey|{tenant}|{uuid}</c> in the bucket
/// of its stop date. Rows are only ever added: a survey whose date moves gets a row in the new bucket, and the closer
/// re-reads the survey and closes it only if it really is due, so an old row is harmless and is dropped when reached.
/// </summary>
public static class SurveySchedule
{
    private const string Prefix = "survey|";

    public static bool IsSurveyRow(string rowKey) => rowKey.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The tenant and uuid a schedule row names; null for a row that is not a survey's.</summary>
    public static (string TenantId, string Uuid)? Parse(string rowKey)
    {
        if (!IsSurveyRow(rowKey))
            return null;
        var parts = rowKey[Prefix.Length..].Split('|');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 ? (parts[0], parts[1]) : null;
    }

    /// <summary>The row to write for a survey that must close at its stop date; null when nothing is to be scheduled.</summary>
    public static TableEntity? RowFor(Survey survey)
    {
        if (survey.Status == SurveyStatus.Closed || survey.Settings.StopCriteria != StopCriteria.Date || survey.Settings.StopDate is not { } stop)
            return null;
        // UpdatedAt is the time of this write: a stop date already past goes in the current hour's bucket.
        return new TableEntity(PollSchedule.BucketFor(stop, survey.UpdatedAt), Prefix + survey.TenantId + "|" + survey.Uuid) { ["EndsAt"] = stop };
    }
}
