using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Every row of every table as "table PK RK ETag". Any insert, update or delete changes the set (a write always gets a
/// new ETag), so comparing two snapshots proves a rejected request wrote nothing at all, not only nothing the API shows.
/// Tables are listed from the account, so a table an area adds later is covered without changing this.
/// </summary>
public static class StorageSnapshot
{
    public static async Task<IReadOnlySet<string>> TakeAsync(SurveyStorage storage)
    {
        await WaitForAggregationAsync(storage.PollVotes);
        var names = new List<string>();
        await foreach (var table in storage.TableService.QueryAsync())
            names.Add(table.Name);
        Assert.Contains(StorageNames.PollVotesTable, names);
        var rows = await Task.WhenAll(names.Select(name => ReadAsync(name, storage.TableService.GetTableClient(name))));
        return rows.SelectMany(r => r).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Asserts nothing was written between the two snapshots, listing what appeared and what went.</summary>
    public static void AssertUnchanged(IReadOnlySet<string> before, IReadOnlySet<string> after, string because)
    {
        var added = after.Except(before).ToArray();
        var removed = before.Except(after).ToArray();
        Assert.True(added.Length == 0 && removed.Length == 0,
            $"{because}: storage changed. New or rewritten rows: [{string.Join("; ", added)}]; gone or rewritten: [{string.Join("; ", removed)}]");
    }

    /// <summary>
    /// Votes an earlier test cast are aggregated in the background, and the aggregator deletes each batch row when it counts
    /// it: a snapshot taken while one is pending would see it go without any request of this test. So a snapshot waits
    /// (bounded) until none is pending; a batch row a refused request wrote would still show, as its counting rewrites rows.
    /// </summary>
    private static async Task WaitForAggregationAsync(TableClient votes)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {VoteKeys.BatchPrefix} and RowKey lt {"q}"}");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(50))
        {
            var pending = false;
            await foreach (var _ in votes.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"]))
            {
                pending = true;
                break;
            }
            if (!pending)
                return;
        }
    }

    private static async Task<List<string>> ReadAsync(string name, TableClient table)
    {
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            // The closing job moves its own cursor on a timer, whatever the requests do.
            if (name == StorageNames.PollScheduleTable && row.PartitionKey == PollSchedule.CursorPartition)
                continue;
            rows.Add($"{name} {row.PartitionKey} {row.RowKey} {row.ETag}");
        }
        return rows;
    }
}
