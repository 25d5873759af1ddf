using Azure.Data.Tables;
using SurveyFunctions.Core.Platform;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// The session domain's tables, as Azure SDK clients built once from the app's <see cref="TableServiceClient"/>:
/// <c>sessions</c> (<see cref="SessionKeys"/>) and <c>sessioncompletions</c> (<see cref="Completions.CompletionKeys"/>).
/// </summary>
public sealed class SessionTables
{
    public SessionTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Sessions = service.GetTableClient(StorageNames.SessionsTable);
        Completions = service.GetTableClient(StorageNames.SessionCompletionsTable);
    }

    public TableClient Sessions { get; }
    public TableClient Completions { get; }

    /// <summary>Creates missing tables (Azurite starts empty; in Azure the Bicep has made them and this is a no-op).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await Sessions.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await Completions.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
