using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Storage;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// Every row of every table (the survey domain's too, when given) as "table PK RK ETag". Any insert, update or delete changes the set (a write always gets a
/// new ETag), so comparing two snapshots proves a rejected request wrote nothing at all, not only nothing the API shows.
/// </summary>
public static class StorageSnapshot
{
    public static async Task<IReadOnlySet<string>> TakeAsync(SurveyStorage storage, SurveyTables? surveyTables = null)
    {
        (string Name, TableClient Table)[] tables =
        [
            (StorageNames.TenantsTable, storage.Tenants), (StorageNames.ApiKeysTable, storage.ApiKeys), (StorageNames.PollsTable, storage.Polls),
            (StorageNames.PollIndexTable, storage.PollIndex), (StorageNames.PollVotesTable, storage.PollVotes), (StorageNames.PollScheduleTable, storage.PollSchedule),
        ];
        var rows = await Task.WhenAll(tables.Select(t => ReadAsync(t.Name, t.Table))
            .Concat((surveyTables?.All ?? []).Select(ReadAsync)));
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

    /// <summary>The survey domain's tables, through the Azure SDK client.</summary>
    private static async Task<List<string>> ReadAsync(Azure.Data.Tables.TableClient table)
    {
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
            rows.Add($"{table.Name} {row.PartitionKey} {row.RowKey} {row.ETag}");
        return rows;
    }

    private static async Task<List<string>> ReadAsync(string name, TableClient table)
    {
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync())
        {
            // The closing job moves its own cursor on a timer, whatever the requests do.
            if (name == StorageNames.PollScheduleTable && row.PartitionKey == PollSchedule.CursorPartition)
                continue;
            rows.Add($"{name} {row.PartitionKey} {row.RowKey} {row.ETag}");
        }
        return rows;
    }
}
