using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The definitions a live survey had before its edits, kept for the sessions that started on them
/// (<see cref="Survey.Version"/>): each one a row beside the survey's own in its partition, so keeping one is part of the
/// edit's transaction and deleting the survey finds them all.
/// </summary>
public sealed class SurveyVersions(SurveyTables tables)
{
    /// <summary>The row keys of a survey's kept definitions, beside its own row (whose key is empty) in its partition.</summary>
    private const string VersionPrefix = "version|";

    /// <summary>
    /// Replaces the survey row If-Match. When the edit changes the definition of a survey that has been live (a draft has no
    /// sessions), the definition it replaces is kept as a version row in the same transaction (the survey's own partition),
    /// so the sessions started on it go on with it. <paramref name="alongside"/> (an event of the change, in the same
    /// partition) commits in that transaction too.
    /// </summary>
    public async Task<string?> ReplaceAsync(Survey current, Survey updated, TableTransactionAction? alongside, CancellationToken ct)
    {
        var replace = new TableTransactionAction(TableTransactionActionType.UpdateReplace, SurveyEntity.ToEntity(updated), new ETag(current.ETag!));
        List<TableTransactionAction> actions = [replace];
        if (updated.Version != current.Version && current.Status != SurveyStatus.Draft)
        {
            var version = SurveyEntity.ToEntity(current);
            version.RowKey = VersionRowKey(current.Version);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, version));
        }
        if (alongside is not null)
            actions.Add(alongside);
        if (actions.Count == 1)
        {
            var response = await tables.Surveys.UpdateEntityAsync(replace.Entity, replace.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        var responses = await tables.Surveys.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        return responses.Value[0].Headers.ETag?.ToString();
    }

    /// <summary>
    /// The survey's definition at <paramref name="version"/>, as a survey: the current one when that is its version, else the
    /// kept version row; null when neither is there (the survey is gone).
    /// </summary>
    public async Task<Survey?> GetAsync(Survey survey, int version, CancellationToken ct)
    {
        if (version == survey.Version)
            return survey;
        var row = await tables.Surveys.GetEntityIfExistsAsync<TableEntity>(SurveyEntity.PartitionKey(survey.TenantId, survey.Uuid),
            VersionRowKey(version), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue ? SurveyEntity.FromEntity(row.Value!) : null;
    }

    /// <summary>Deletes every kept definition of the survey (idempotent).</summary>
    public async Task DeleteAllAsync(string tenantId, string uuid, CancellationToken ct)
    {
        var partition = SurveyEntity.PartitionKey(tenantId, uuid);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {VersionPrefix} and RowKey lt {"version}"}");
        await foreach (var row in tables.Surveys.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
            await tables.Surveys.DeleteEntityAsync(partition, row.RowKey, ETag.All, ct).ConfigureAwait(false);
    }

    private static string VersionRowKey(int version) => VersionPrefix + version.ToString("D10", CultureInfo.InvariantCulture);
}
