using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Bench;

/// <summary>
/// A cheap "is anything still waiting for the aggregator?" check straight on storage: one $top=1 query per vote
/// partition for a pending batch row (RowKey 'q|…'). Asking every poll's owner results instead costs a query per
/// poll per partition, which on single-threaded Azurite slows the very aggregator being measured.
/// </summary>
internal static class PendingBatches
{
    public static Func<CancellationToken, Task<bool>>? Checker(string? storageConnectionString, int partitions)
    {
        if (storageConnectionString is null)
            return null;
        var table = StorageClients.FromSettings("AzureWebJobsStorage",
            _ => storageConnectionString).Tables.GetTableClient(StorageNames.PollVotesTable);
        return async ct =>
        {
            for (var i = 0; i < partitions; i++)
            {
                var partition = "v" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                var page = await table.QueryPageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"q|"} and RowKey lt {"q}"}"), top: 1, ct: ct).ConfigureAwait(false);
                if (page.Values.Count > 0)
                    return true;
            }
            return false;
        };
    }
}
