using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage.Tests;

[Collection(TablesGroup.Name)]
public sealed class TableTransactionTests(AzuriteFixture fx)
{
    private static string Rk(int i) => i.ToString("D3", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Hundred_actions_commit_together()
    {
        var table = await fx.NewTableAsync();
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("pk", Rk(i)) { ["I"] = i }))
            .ToList();

        var etags = await table.SubmitTransactionAsync(actions);

        Assert.Equal(100, etags.Count);
        Assert.All(etags, e => Assert.False(string.IsNullOrEmpty(e)));
        var count = 0;
        await foreach (var e in table.QueryAsync(TableFilter.Of($"PartitionKey eq {"pk"}")))
        {
            Assert.Equal(int.Parse(e.RowKey, CultureInfo.InvariantCulture), e.GetInt32("I"));
            count++;
        }
        Assert.Equal(100, count);
        Assert.Equal(etags[42], (await table.GetEntityAsync("pk", Rk(42)))!.ETag);
    }

    [Fact]
    public async Task Mixed_action_types_commit_and_return_etags()
    {
        var table = await fx.NewTableAsync();
        var e1 = await table.AddEntityAsync(new TableEntity("pk", "update") { ["A"] = 1, ["Keep"] = "k" });
        await table.AddEntityAsync(new TableEntity("pk", "replace") { ["A"] = 1, ["Drop"] = "d" });
        await table.AddEntityAsync(new TableEntity("pk", "delete"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("pk", "add") { ["A"] = 1 }),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("pk", "upsertmerge") { ["A"] = 2 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("pk", "upsertreplace") { ["A"] = 3 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("pk", "update") { ["A"] = 4 }, e1),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("pk", "replace") { ["A"] = 5 }),
            new(TableTransactionActionType.Delete, new TableEntity("pk", "delete")),
        ]);

        Assert.Equal(6, etags.Count);
        Assert.All(etags.Take(5), e => Assert.False(string.IsNullOrEmpty(e)));
        Assert.Null(etags[5]);
        var updated = (await table.GetEntityAsync("pk", "update"))!;
        Assert.Equal(4, updated.GetInt32("A"));
        Assert.Equal("k", updated.GetString("Keep"));
        Assert.Equal(etags[3], updated.ETag);
        var replaced = (await table.GetEntityAsync("pk", "replace"))!;
        Assert.Equal(5, replaced.GetInt32("A"));
        Assert.False(replaced.ContainsKey("Drop"));
        Assert.Null(await table.GetEntityAsync("pk", "delete"));
        Assert.Equal(3, (await table.GetEntityAsync("pk", "upsertreplace"))!.GetInt32("A"));
    }

    [Fact]
    public async Task Failure_at_action_37_applies_nothing_and_reports_index()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", Rk(37)) { ["Original"] = true });

        var actions = Enumerable.Range(0, 60)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("pk", Rk(i)) { ["I"] = i }))
            .ToList();

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.Equal(37, ex.FailedActionIndex);
        Assert.Equal(409, ex.Status);
        Assert.Equal("EntityAlreadyExists", ex.ErrorCode);
        Assert.IsAssignableFrom<RequestFailedException>(ex);

        var remaining = new List<TableEntity>();
        await foreach (var e in table.QueryAsync())
        {
            remaining.Add(e);
        }
        var only = Assert.Single(remaining);
        Assert.Equal(Rk(37), only.RowKey);
        Assert.True(only.GetBoolean("Original"));
        Assert.False(only.ContainsKey("I"));
    }

    [Fact]
    public async Task Stale_etag_in_transaction_fails_with_412_and_rolls_back()
    {
        var table = await fx.NewTableAsync();
        var stale = await table.AddEntityAsync(new TableEntity("pk", "a") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("pk", "a") { ["V"] = 2 }, "*");

        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("pk", "b")),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("pk", "a") { ["V"] = 3 }, stale),
        ]));
        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Equal(412, ex.Status);
        Assert.Equal("UpdateConditionNotSatisfied", ex.ErrorCode);
        Assert.Null(await table.GetEntityAsync("pk", "b"));
        Assert.Equal(2, (await table.GetEntityAsync("pk", "a"))!.GetInt32("V"));
    }

    [Fact]
    public async Task Invalid_transactions_are_rejected_before_any_request()
    {
        var counter = new CountingPolicy();
        var options = new StorageClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = new TableServiceClient(fx.Account, options).GetTableClient("neverCreatedTx");

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "b")),
        ]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        var tooMany = Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", Rk(i)))).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("p", "bad/key"))]));
        Assert.Equal(0, counter.Count);

        // The counter does see real requests (so the zero above means something).
        Assert.Null(await table.GetEntityAsync("p", "r"));
        Assert.Equal(1, counter.Count);
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
