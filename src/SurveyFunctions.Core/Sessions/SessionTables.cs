using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// The session domain's tables, as Azure SDK clients built once from the app's <see cref="TableServiceClient"/>:
/// <c>sessions</c> (<see cref="SessionKeys"/>), <c>sessioncompletions</c> (<see cref="Completions.CompletionKeys"/>) and
/// <c>surveyresponses</c> (<see cref="Responses.ResponseKeys"/>: the Responses family's sessions by ULID, responder and subject).
/// </summary>
public sealed class SessionTables : ITableSetup
{
    public SessionTables(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        Sessions = service.GetTableClient(StorageNames.SessionsTable);
        Completions = service.GetTableClient(StorageNames.SessionCompletionsTable);
        Responses = service.GetTableClient(StorageNames.SurveyResponsesTable);
    }

    public TableClient Sessions { get; }
    public TableClient Completions { get; }
    public TableClient Responses { get; }

    /// <summary>Creates missing tables (Azurite starts empty; in Azure the Bicep has made them and this is a no-op).</summary>
    public async Task EnsureCreatedAsync(CancellationToken ct)
    {
        await Sessions.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await Completions.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
        await Responses.CreateIfNotExistsAsync(ct).ConfigureAwait(false);
    }
}
