using System.Net;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>Integer ids against real Azurite: unique per tenant and kind under heavy concurrency, across several instances.</summary>
public sealed class IdAllocatorTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Many_concurrent_allocations_from_several_instances_never_repeat_an_id()
    {
        var tables = host.Get<SurveyTables>();
        var tenant = "tnt_alloc" + Guid.NewGuid().ToString("N")[..8];
        // Four allocators are four app instances: they share only the counter rows in storage.
        var instances = Enumerable.Range(0, 4).Select(_ => new IdAllocator(tables)).ToArray();

        var singles = Enumerable.Range(0, 800).Select(i => instances[i % 4].NextAsync(tenant, IdKind.Session, default));
        var blocks = Enumerable.Range(0, 60).Select(i => instances[i % 4].AllocateAsync(tenant, IdKind.Session, 1 + (i % 40), default));
        var surveys = Enumerable.Range(0, 40).Select(i => instances[i % 4].NextAsync(tenant, IdKind.Survey, default));
        var singleIds = await Task.WhenAll(singles);
        var blockIds = (await Task.WhenAll(blocks)).SelectMany(b => b).ToArray();
        var surveyIds = await Task.WhenAll(surveys);

        var sessions = singleIds.Concat(blockIds).ToArray();
        Assert.Equal(800 + Enumerable.Range(0, 60).Sum(i => 1 + (i % 40)), sessions.Length);
        Assert.Equal(sessions.Length, sessions.Distinct().Count());
        Assert.All(sessions, id => Assert.True(id >= 1));
        // Surveys are handed out one at a time, so under any race they are exactly 1..40.
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), surveyIds.Order());
    }

    [Fact]
    public async Task Each_tenant_and_kind_counts_on_its_own()
    {
        var allocator = new IdAllocator(host.Get<SurveyTables>());
        var a = "tnt_a" + Guid.NewGuid().ToString("N")[..8];
        var b = "tnt_b" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(1, await allocator.NextAsync(a, IdKind.Question, default));
        Assert.Equal(1, await allocator.NextAsync(b, IdKind.Question, default));
        Assert.Equal(1, await allocator.NextAsync(a, IdKind.Option, default));
        Assert.Equal([2, 3, 4], await allocator.AllocateAsync(a, IdKind.Question, 3, default));
        Assert.Empty(await allocator.AllocateAsync(a, IdKind.Question, 0, default));
        // A second instance starts after the first one's block, never inside it.
        var other = new IdAllocator(host.Get<SurveyTables>());
        Assert.True(await other.NextAsync(a, IdKind.Question, default) > IdKind.Question.BlockSize());
    }

    [Fact]
    public async Task Surveys_created_concurrently_over_http_get_distinct_ids()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await Task.WhenAll(Enumerable.Range(0,
            25).Select(i => host.Http.PostReplyAsync("/api/surveys", SurveyApi.SmallSurvey($"S{i}"), key)));
        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var ids = created.Select(r => r.Json["id"]!.GetValue<long>()).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), ids);
        var questionIds = created.SelectMany(r => r.Json["questions"]!.AsArray().Select(q => q!["id"]!.GetValue<long>())).ToArray();
        Assert.Equal(50, questionIds.Distinct().Count());
        var optionIds = created.SelectMany(r => r.Json["questions"]!.AsArray().SelectMany(q => q!["json"]!["options"]!.AsArray()).Select(o
            => o!["id"]!.GetValue<long>())).ToArray();
        Assert.Equal(50, optionIds.Distinct().Count());
    }
}
