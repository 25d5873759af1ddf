using System.Net;
using Azure.Data.Tables;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Idempotency.KeyedCall;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>
/// Keys expire after <c>IdempotencyKeyHours</c> and the purge deletes what expired. In a fixture of their own: they move the
/// host's clock a day on, which would make other tests' rows purgeable under their storage snapshots.
/// </summary>
public sealed class IdempotencyExpiryTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_key_is_remembered_for_IdempotencyKeyHours_and_then_runs_again()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        var first = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey));
        host.Clock.Advance(TimeSpan.FromHours(23));
        AssertSameAnswer(first, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey)));
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var later = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.Created, later.Status);
        Assert.False(later.Replayed);
        Assert.NotEqual(first.Json["id"]!.GetValue<string>(), later.Json["id"]!.GetValue<string>());
        // The expired row was replaced by the new answer: that is what retries get now.
        AssertSameAnswer(later, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey)));
        Assert.Equal(2, (await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_purge_deletes_expired_answers_and_their_index_rows_and_keeps_live_ones()
    {
        var (tenantId, apiKey, _) = await host.Http.CreateTenantAsync();
        var expiring = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await host.Http.PostAsync("/api/polls", PollBody, expiring, ApiKey(apiKey))).Status);
        var table = host.Get<SurveyStorage>().TableService.GetTableClient(StorageNames.IdempotencyTable);
        var scope = IdempotencyKeys.TenantScope(tenantId);
        var indexFilter = TableClient.CreateQueryFilter($"PartitionKey ge {"expires|"} and PartitionKey lt {"expires}"} and Scope eq {scope}");
        Assert.Single(await RowsAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {scope}")));
        Assert.Single(await RowsAsync(table, indexFilter));

        host.Clock.Advance(TimeSpan.FromHours(26));
        var live = await host.Http.PostAsync("/api/polls", PollBody, NewKey(), ApiKey(apiKey));
        await host.Get<IdempotencyPurge>().RunAsync(CancellationToken.None);

        var left = await RowsAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {scope}"));
        Assert.Equal(IdempotencyKeys.RowKey("POST", "api/polls", live.Key!), Assert.Single(left));
        Assert.Single(await RowsAsync(table, indexFilter));
        AssertSameAnswer(live, await host.Http.PostAsync("/api/polls", PollBody, live.Key!, ApiKey(apiKey)));
    }

    private static async Task<List<string>> RowsAsync(TableClient table, string filter)
    {
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            rows.Add(row.RowKey);
        return rows;
    }
}
