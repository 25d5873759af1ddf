using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The tenant isolation suite: tenant B's key on every tenant-scoped endpoint, aimed at tenant A's polls in every
/// state. Owner-only endpoints answer the Polls API's <c>poll_not_found</c> (we never confirm another tenant's poll exists);
/// public endpoints give B exactly what an anonymous caller gets. In every case A's secrets stay out of the answer and
/// nothing changes: not a storage row (ETags compared) and not A's own view of its polls, results, votes and keys.
/// </summary>
public sealed class TenantIsolationTests(TwoTenantsHost host) : IClassFixture<TwoTenantsHost>
{
    /// <summary>Endpoints that touch no tenant's data.</summary>
    private static readonly string[] NotTenantScoped = ["Health", "OpenApi", "EmbedPollScript", "PanelistVotePage", "PanelistVoteScript",
        "ResponsePage", "ResponsePageScript"];

    /// <summary>
    /// Tenant-scoped endpoints whose isolation is a fact below rather than a row of the matrix (the responses list's is
    /// <c>ResponseListTests.Each_tenant_lists_and_reads_only_its_own_responses</c>).
    /// </summary>
    /// <summary>The webhook list and creation are WebhookApiTests' facts (B's list never shows A's endpoints; B creates its own).</summary>
    private static readonly string[] CoveredByFacts = ["PollsList", "PollsCreate", "SurveysList", "SurveysCreate", "ResponsesList", "WebhooksList",
        "WebhooksCreate"];

    private static readonly IReadOnlyDictionary<string, BadRequest> Cases = BadRequest.Index(IsolationCases.All(), IsolationCases.AuthForms());

    /// <summary>Every probe, and the owner-only ones again with B's key in each auth form ("…, key as api-key").</summary>
    public static TheoryData<string, string> Probes => BadRequest.Rows(Cases.Values);

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Another_tenants_key_gets_nothing_and_changes_nothing(string endpoint, string input)
    {
        var (a, b) = await host.TenantsAsync();
        var request = Cases[$"{endpoint} / {input}"];
        var storage = host.Get<SurveyStorage>();
        var storageBefore = await StorageSnapshot.TakeAsync(storage);
        var ownerBefore = await OwnerViewAsync(a);

        var reply = await request.SendAsync(host.Http, a, b);
        if (request.Answers.Length > 0)
        {
            Rejection.AssertOneOf(reply, request.Answers, request.ToString(), request.Family);
        }
        else
        {
            var anonymous = await (request with { Caller = Caller.Public }).SendAsync(host.Http, a, b);
            Assert.Equal(anonymous.Status, reply.Status);
            Assert.Equal(WithoutToken(anonymous), WithoutToken(reply));
        }
        var text = reply.Body?.ToJsonString() ?? "";
        foreach (var secret in a.Secrets)
            Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{request}: the answer shows A's '{secret}': {text}");

        StorageSnapshot.AssertUnchanged(storageBefore, await StorageSnapshot.TakeAsync(storage), request.ToString());
        Assert.Equal(ownerBefore, await OwnerViewAsync(a));
    }

    [Fact]
    public async Task Lists_show_each_tenant_only_its_own_polls_on_every_page()
    {
        var (a, b) = await host.TenantsAsync();
        foreach (var (owner, other) in new[] { (a, b), (b, a) })
        {
            var seen = new List<string>();
            for (var page = 1; page <= 4; page++)
            {
                var reply = await host.Http.GetReplyAsync($"/api/polls?page={page}&limit=1", owner.ApiKey);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal(3, reply.Json["pagination"]!["total"]!.GetValue<int>());
                seen.AddRange(reply.Json["polls"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));
            }
            Assert.Equal(new[] { owner.Draft, owner.Published, owner.Second }.Order(), seen.Order());
            Assert.DoesNotContain(other.Draft, seen);
        }
    }

    /// <summary>
    /// Ownership comes from the key alone. A body claiming another owner is refused as an unknown field (it was once
    /// silently ignored), and writes nothing for either tenant.
    /// </summary>
    [Fact]
    public async Task A_poll_belongs_to_the_key_that_created_it_and_a_body_claiming_another_owner_is_refused()
    {
        var (a, b) = await host.TenantsAsync();
        var before = await OwnerViewAsync(a);
        var bListBefore = (await host.Http.GetReplyAsync("/api/polls?limit=100", b.ApiKey)).Json.ToJsonString();
        foreach (var claim in new[] { "tenant_id", "tenantId", "owner" })
        {
            var claimed = await host.Http.PostReplyAsync("/api/polls", new JsonObject
            {
                ["title"] = "Made by B",
                ["options"] = new JsonArray(new JsonObject { ["label"] = "x" }, new JsonObject { ["label"] = "y" }),
                [claim] = a.TenantId,
            }, b.ApiKey);
            Assert.Equal(HttpStatusCode.BadRequest, claimed.Status);
            Assert.Equal("validation_error", claimed.ErrorCode);
            Assert.Equal(claim, claimed.Json["error"]!["field"]!.GetValue<string>());
        }
        Assert.Equal(before, await OwnerViewAsync(a));
        Assert.Equal(bListBefore, (await host.Http.GetReplyAsync("/api/polls?limit=100", b.ApiKey)).Json.ToJsonString());

        var created = await host.Http.PostReplyAsync("/api/polls", new JsonObject
        {
            ["title"] = "Made by B",
            ["options"] = new JsonArray(new JsonObject { ["label"] = "x" }, new JsonObject { ["label"] = "y" }),
        }, b.ApiKey);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json["id"]!.GetValue<string>();
        try
        {
            Assert.Contains(id, (await host.Http.GetReplyAsync("/api/polls?limit=100", b.ApiKey)).Json.ToJsonString(), StringComparison.Ordinal);
            Assert.Equal(before, await OwnerViewAsync(a));
            // And the other way round: A cannot see or manage B's poll.
            Rejection.AssertNotFound(await host.Http.GetReplyAsync($"/api/polls/{id}", a.ApiKey), "poll_not_found", "A reads B's draft");
            Rejection.AssertNotFound(await host.Http.PatchReplyAsync($"/api/polls/{id}", new { published = true }, a.ApiKey), "poll_not_found",
                "A publishes B's draft");
            Rejection.AssertNotFound(await host.Http.DeleteReplyAsync($"/api/polls/{id}", a.ApiKey), "poll_not_found", "A deletes B's draft");
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/polls/{id}", b.ApiKey)).Status);
        }
    }

    [Fact]
    public async Task Lists_show_each_tenant_only_its_own_surveys_on_every_page()
    {
        var (a, b) = await host.TenantsAsync();
        foreach (var (owner, other) in new[] { (a, b), (b, a) })
        {
            var seen = new List<string>();
            for (var page = 1; page <= 3; page++)
            {
                var reply = await host.Http.GetReplyAsync($"/api/surveys?page={page}&limit=1", owner.ApiKey);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                Assert.Equal(2, reply.Json["pagination"]!["total"]!.GetValue<int>());
                seen.AddRange(reply.Json["surveys"]!.AsArray().Select(s => s!["uuid"]!.GetValue<string>()));
            }
            Assert.Equal(new[] { owner.Survey, owner.ActiveSurvey }.Order(), seen.Order());
            Assert.DoesNotContain(other.Survey, seen);
        }
    }

    [Fact]
    public async Task A_survey_belongs_to_the_key_that_created_it_whatever_the_body_claims()
    {
        var (a, b) = await host.TenantsAsync();
        var before = await OwnerViewAsync(a);
        // A body naming another tenant is refused outright (unknown fields), so it cannot even try.
        var claimed = await host.Http.PostReplyAsync("/api/surveys", new JsonObject { ["name"] = "Made by B", ["tenant_id"] = a.TenantId }, b.ApiKey);
        Rejection.AssertOneOf(claimed, [Expected.Invalid("tenant_id")], "B claims A's tenant");
        var created = await host.Http.PostReplyAsync("/api/surveys", new JsonObject { ["name"] = "Made by B" }, b.ApiKey);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var uuid = created.Json["uuid"]!.GetValue<string>();
        try
        {
            Assert.Equal(before, await OwnerViewAsync(a));
            Rejection.AssertNotFound(await host.Http.GetReplyAsync($"/api/surveys/{uuid}", a.ApiKey), "survey_not_found", "A reads B's survey");
            Rejection.AssertNotFound(await host.Http.PostReplyAsync($"/api/surveys/{uuid}/close", null, a.ApiKey), "survey_not_found",
                "A closes B's survey");
            Rejection.AssertNotFound(await host.Http.DeleteReplyAsync($"/api/surveys/{uuid}", a.ApiKey), "survey_not_found", "A deletes B's survey");
        }
        finally
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{uuid}", b.ApiKey)).Status);
        }
    }

    [Fact]
    public void Every_route_in_the_route_table_is_in_the_matrix()
    {
        var covered = Cases.Values.Select(c => c.Endpoint).Concat(CoveredByFacts).Concat(NotTenantScoped).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(RouteTable.All.Where(e => !covered.Contains(e.Name)).Select(e => e.Name));
        // HEAD is no row of its own: it runs the GET's endpoint and answers GET's status with no body to leak a secret;
        // HeadRequestTests checks HEAD mirrors GET, another tenant's key included.
        // Only the platform's own endpoints may be outside tenancy; a new family endpoint must join the matrix.
        Assert.All(NotTenantScoped, name => Assert.Equal(ApiFamily.Platform, RouteTable.All.Single(e => e.Name == name).Family));
    }

    /// <summary>Everything A can see of its own data: lists, polls, exact results, votes, surveys, survey results, its respondent and keys.</summary>
    private async Task<string> OwnerViewAsync(TenantWorld a)
    {
        string[] paths =
        [
            "/api/polls?limit=100", $"/api/polls/{a.Draft}", $"/api/polls/{a.Published}", $"/api/polls/{a.Second}",
            $"/api/polls/{a.Published}/results", $"/api/polls/{a.Second}/results", $"/api/polls/{a.Published}/votes", $"/api/polls/{a.Second}/votes",
            "/api/surveys?limit=100", $"/api/surveys/{a.Survey}", $"/api/surveys/{a.ActiveSurvey}", $"/api/surveys/{a.ActiveSurvey}/results",
            $"/api/account/respondents/{a.Respondent}", $"/api/account/surveys/{a.ActiveSurvey}/respondents/list",
            // (Not the responses list: its cursors are signed with their issue time, so two reads a second apart differ.)
            $"/api/v2/guide/en-us/survey_responses/{a.Response}",
            "/api/webhooks", $"/api/webhooks/{a.Webhook}", $"/api/webhooks/{a.Webhook}/deliveries",
        ];
        var replies = await Task.WhenAll(paths.Select(p => host.Http.GetReplyAsync(p, a.ApiKey))
            .Append(host.Http.SendAsync(HttpMethod.Get, $"/api/admin/tenants/{a.TenantId}", configure: Api.AsAdmin)));
        return string.Join("\n", replies.Select(r => $"{(int)r.Status} {r.Body?.ToJsonString()}"));
    }

    /// <summary>Embed tokens carry their issue time in seconds, so two fetched a moment apart may differ; the rest must not.</summary>
    private static string WithoutToken(Api.Reply reply)
    {
        var body = reply.Body?.DeepClone();
        if (body is JsonObject o && o.ContainsKey("token"))
            o["token"] = "(token)";
        return body?.ToJsonString() ?? "";
    }
}
