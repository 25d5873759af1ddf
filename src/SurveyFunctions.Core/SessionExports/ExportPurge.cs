using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Deletes export files and their rows: those whose retention ran out (<see cref="RunAsync"/>, the timer), and every export of a
/// deleted survey (a step of the survey's purge). The file goes first, then the rows that name it, so a pass cut short is found
/// again by the next and nothing is left that no row names.
/// </summary>
public sealed class ExportPurge(ExportStore store, ExportFiles files, TimeProvider time) : ISurveyRowsPurge
{
    /// <summary>Expired exports deleted per timer run; the next run takes the rest.</summary>
    public const int ExpiredPerRun = 500;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var export in await store.ListExpiredAsync(time.GetUtcNow(), ExpiredPerRun, ct).ConfigureAwait(false))
            await DeleteAsync(export, ct).ConfigureAwait(false);
    }

    public async Task<int> DeleteSurveyRowsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var exports = await store.ListSurveyExportsAsync(tenantId, surveyUuid, limit, ct).ConfigureAwait(false);
        foreach (var export in exports)
        {
            var record = await store.GetAsync(tenantId, export.ExportId, ct).ConfigureAwait(false);
            var expiry = record?.ExpiresAt is { } expiresAt ? ExportStore.ExpiryRow(tenantId, export.ExportId, expiresAt) : null;
            await DeleteAsync(export with { ExpiryRow = expiry }, ct).ConfigureAwait(false);
        }
        return exports.Count;
    }

    private async Task DeleteAsync(ExportStore.StoredExport export, CancellationToken ct)
    {
        if (export.BlobName.Length > 0)
            await files.DeleteAsync(export.BlobName, ct).ConfigureAwait(false);
        await store.DeleteAsync(export.TenantId, export.ExportId, export.SurveyUuid, export.ExpiryRow, ct).ConfigureAwait(false);
    }
}
