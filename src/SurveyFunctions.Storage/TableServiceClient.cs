using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>Entry point for tables of one account. Create once and share: it owns the (expensive to build) pipeline.</summary>
public sealed class TableServiceClient
{
    private readonly ServiceRequestContext _context;

    public TableServiceClient(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        HttpPipeline pipeline = StoragePipeline.Build(account, options, forTables: true);
        _context = new ServiceRequestContext(pipeline, account.TableEndpoint);
    }

    /// <summary>Cheap: table clients share the service client's pipeline.</summary>
    public TableClient GetTableClient(string tableName) => new(_context, tableName);
}
