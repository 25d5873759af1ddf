using System.Globalization;

namespace SurveyFunctions.Storage.Tests;

[Collection(TableQueriesGroup.Name)]
public sealed class TableQueryTests(AzuriteFixture fx)
{
    private const int Partitions = 5;
    private const int PerPartition = 250; // 1,250 entities: more than one 1,000-entity service page.

    private static async Task<TableClient> SeedAsync(AzuriteFixture fx)
    {
        var table = await fx.NewTableAsync();
        for (var p = 0; p < Partitions; p++)
        {
            for (var start = 0; start < PerPartition; start += 100)
            {
                var actions = new List<TableTransactionAction>();
                for (var r = start; r < Math.Min(start + 100, PerPartition); r++)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                        new TableEntity(Pk(p), Rk(r)) { ["P"] = p, ["R"] = r }));
                }
                await table.SubmitTransactionAsync(actions);
            }
        }
        return table;
    }

    private static string Pk(int p) => "p" + p.ToString(CultureInfo.InvariantCulture);

    private static string Rk(int r) => r.ToString("D4", CultureInfo.InvariantCulture);

    [Fact]
    public async Task QueryAsync_follows_continuation_and_returns_each_entity_once()
    {
        var table = await SeedAsync(fx);

        var seen = new HashSet<(string, string)>();
        await foreach (var e in table.QueryAsync())
        {
            Assert.True(seen.Add((e.PartitionKey, e.RowKey)), $"duplicate {e.PartitionKey}/{e.RowKey}");
        }
        Assert.Equal(Partitions * PerPartition, seen.Count);

        // With a small page size too, and a filter spanning partitions.
        var filtered = new List<TableEntity>();
        await foreach (var e in table.QueryAsync(TableFilter.Of($"PartitionKey ge {Pk(1)} and PartitionKey le {Pk(3)} and R lt {10}"), maxPerPage: 7))
        {
            filtered.Add(e);
        }
        Assert.Equal(30, filtered.Count);
        Assert.Equal(30, filtered.Select(e => (e.PartitionKey, e.RowKey)).Distinct().Count());
    }

    [Fact]
    public async Task QueryPageAsync_tokens_round_trip_and_top_is_honoured()
    {
        var table = await SeedAsync(fx);

        // Default page: the service caps at 1,000 and hands back a token.
        var first = await table.QueryPageAsync();
        Assert.Equal(1000, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        var second = await table.QueryPageAsync(continuationToken: first.ContinuationToken);
        Assert.Equal(Partitions * PerPartition - 1000, second.Items.Count);
        Assert.Null(second.ContinuationToken);
        Assert.Empty(first.Items.Select(e => e.PartitionKey + "/" + e.RowKey).Intersect(second.Items.Select(e => e.PartitionKey + "/" + e.RowKey)));

        // $top pages through everything in order, each page at most $top.
        var all = new List<TableEntity>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await table.QueryPageAsync(TableFilter.Of($"PartitionKey eq {Pk(2)}"), top: 60, continuationToken: token);
            Assert.InRange(page.Items.Count, 0, 60);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        Assert.Equal(PerPartition, all.Count);
        Assert.True(pages >= 5, $"expected at least 5 pages, got {pages}");
        Assert.Equal(Enumerable.Range(0, PerPartition).Select(Rk), all.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Malformed_continuation_token_is_rejected()
    {
        var table = fx.Tables.GetTableClient("neverCreatedQuery");
        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryPageAsync(continuationToken: "not base64 !!"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryPageAsync(continuationToken: "bm9uZXdsaW5l")); // "nonewline"
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryPageAsync(top: 0));
    }

    [Fact]
    public async Task Query_on_empty_table_returns_empty_page_without_token()
    {
        var table = await fx.NewTableAsync();
        var page = await table.QueryPageAsync();
        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }
}
