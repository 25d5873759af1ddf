using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Storage;

/// <summary>
/// What our code relies on from Azure.Data.Tables against Azurite: conflict and precondition statuses, all-or-nothing
/// transactions that name the failed action, literal filters, continuation, typed values, and "row or null" reads.
/// </summary>
public sealed class TableSemanticsTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_duplicate_insert_is_409_EntityAlreadyExists()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
    }

    [Fact]
    public async Task An_update_with_a_stale_ETag_is_412_and_ETag_All_overwrites()
    {
        var table = await storage.NewTableAsync();
        var first = (await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1L })).Headers.ETag!.Value;
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2L }, first, TableUpdateMode.Replace);

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3L }, first,
            TableUpdateMode.Merge));
        Assert.Equal(412, stale.Status);
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 4L }, ETag.All, TableUpdateMode.Replace);
        Assert.Equal(4L, (await table.GetOrNullAsync("p", "r"))!.GetInt64("N"));
    }

    [Fact]
    public async Task A_failed_transaction_applies_nothing_and_names_the_failed_action()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r037"));
        var actions = Enumerable.Range(0, 60)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}")))
            .ToList();

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitAsync(actions));
        Assert.Equal(409, ex.Status);
        Assert.Equal(37, ex.FailedTransactionActionIndex);
        var rows = await table.QueryAsync<TableEntity>().ToListAsync();
        Assert.Equal(["r037"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task A_transaction_returns_the_new_ETag_of_each_write_and_none_for_deletes()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "gone"));
        var etags = await table.SubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "gone"), ETag.All),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b")),
        ]);
        Assert.Equal(3, etags.Count);
        Assert.Equal((await table.GetOrNullAsync("p", "a"))!.ETag.ToString(), etags[0]);
        Assert.Null(etags[1]);
        Assert.Equal((await table.GetOrNullAsync("p", "b"))!.ETag.ToString(), etags[2]);
    }

    [Fact]
    public async Task A_stale_ETag_in_a_transaction_is_412_and_rolls_back()
    {
        var table = await storage.NewTableAsync();
        var etag = (await table.AddEntityAsync(new TableEntity("p", "counter") { ["N"] = 1L })).Headers.ETag!.Value;
        await table.UpdateEntityAsync(new TableEntity("p", "counter") { ["N"] = 2L }, etag, TableUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "marker")),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "counter") { ["N"] = 3L }, etag),
        ]));
        Assert.Equal(412, ex.Status);
        Assert.Equal(1, ex.FailedTransactionActionIndex);
        Assert.Null(await table.GetOrNullAsync("p", "marker"));
    }

    [Fact]
    public async Task Caller_input_in_a_filter_stays_a_literal()
    {
        var table = await storage.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("tenant-a", "1"));
        await table.AddEntityAsync(new TableEntity("tenant-b", "1"));
        const string attack = "tenant-a' or PartitionKey ne 'x";
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {attack}")).ToListAsync();
        Assert.Empty(rows);
        var quoted = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"tenant-a"}")).ToListAsync();
        Assert.Single(quoted);
    }

    [Fact]
    public async Task One_page_at_a_time_walks_1200_rows_each_once()
    {
        var table = await storage.NewTableAsync();
        for (var chunk = 0; chunk < 12; chunk++)
        {
            await table.SubmitAsync(Enumerable.Range(chunk * 100, 100)
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i:D5}")))
                .ToList());
        }
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await table.QueryPageAsync(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}"), top: 500, continuation: continuation);
            Assert.True(page.Values.Count <= 500);
            seen.AddRange(page.Values.Select(r => r.RowKey));
            continuation = page.ContinuationToken;
            pages++;
        }
        while (continuation is not null);
        Assert.Equal(1200, seen.Count);
        Assert.Equal(1200, seen.Distinct().Count());
        Assert.InRange(pages, 3, 4);
    }

    [Fact]
    public async Task The_value_types_we_store_come_back_as_the_types_we_read()
    {
        var table = await storage.NewTableAsync();
        var at = new DateTimeOffset(2026, 12, 1, 8, 30, 15, 123, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "")
        {
            ["Long"] = 5_000_000_000L,
            ["SmallLong"] = 7L,
            ["Int"] = 42,
            ["Bool"] = true,
            ["At"] = at,
            ["Text"] = "héllo \"quoted\" 🗳️ עברית",
        });
        var row = (await table.GetOrNullAsync("p", ""))!;
        Assert.Equal(5_000_000_000L, row.GetInt64("Long"));
        // Counters are summed by scanning properties for longs, so a small long must stay a long.
        Assert.IsType<long>(row["SmallLong"]);
        Assert.Equal(42, row.GetInt32("Int"));
        // Unlike our old client, the SDK does not widen: a count must be written as a long to be read with GetInt64.
        Assert.Throws<InvalidOperationException>(() => row.GetInt64("Int"));
        Assert.True(row.GetBoolean("Bool"));
        Assert.Equal(at, row.GetDateTimeOffset("At"));
        Assert.Equal("héllo \"quoted\" 🗳️ עברית", row.GetString("Text"));
        Assert.Null(row.GetString("Missing"));
    }

    [Fact]
    public async Task Row_or_null_reads_missing_rows_empty_row_keys_and_missing_tables()
    {
        var table = await storage.NewTableAsync();
        Assert.Null(await table.GetOrNullAsync("p", ""));
        await table.AddEntityAsync(new TableEntity("p", "") { ["Name"] = "single row" });
        Assert.Equal("single row", (await table.GetOrNullAsync("p", ""))!.GetString("Name"));
        Assert.Equal("single row", (await table.GetOrNullAsync("p", "", select: ["Name"]))!.GetString("Name"));
        Assert.Null(await storage.Tables.GetTableClient("nosuchtable" + Guid.NewGuid().ToString("N")[..8]).GetOrNullAsync("p", ""));
    }

    [Fact]
    public async Task Deleting_a_missing_row_with_ETag_All_is_not_an_error()
    {
        var table = await storage.NewTableAsync();
        var response = await table.DeleteEntityAsync("p", "never-there", ETag.All);
        Assert.Equal(404, response.Status);
    }

    [Fact]
    public async Task A_key_storage_cannot_accept_is_a_400_from_the_service()
    {
        // The SDK sends keys unchecked: this is why ids are validated before any storage call (Http/RouteIds).
        var table = await storage.NewTableAsync();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("a/b", "r")));
        Assert.Equal(400, ex.Status);
    }
}
