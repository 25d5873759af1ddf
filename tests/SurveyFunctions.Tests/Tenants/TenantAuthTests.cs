using System.Net;
using System.Text;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Tenants;

/// <summary>Tenant bootstrap and API keys: every auth form, rotation, revocation, hashing, admin guard.</summary>
public sealed class TenantAuthTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Create_tenant_requires_the_admin_key_and_validates_its_body()
    {
        var noKey = await host.Http.PostReplyAsync("/api/admin/tenants", new { name = "x", plan = "free" });
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);

        var wrongKey = await host.Http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name = "x" },
            configure: r => r.Headers.Add("X-Admin-Key", "nope"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);

        var badPlan = await host.Http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name = "x", plan = "gold" },
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(HttpStatusCode.BadRequest, badPlan.Status);
        Assert.Equal("plan", badPlan.Json["error"]!["field"]!.GetValue<string>());

        var noName = await host.Http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { plan = "free" },
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(HttpStatusCode.BadRequest, noName.Status);
        Assert.Equal("name", noName.Json["error"]!["field"]!.GetValue<string>());

        var created = await host.Http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name = "Acme", plan = "enterprise" },
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Acme", created.Json["name"]!.GetValue<string>());
        Assert.Equal("enterprise", created.Json["plan"]!.GetValue<string>());
        Assert.StartsWith("tnt_", created.Json["tenant_id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(created.Json["api_key"]!.GetValue<string>().Length > 40);
    }

    [Fact]
    public async Task Every_auth_form_resolves_the_same_tenant()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var pollId = await host.Http.CreatePublishedPollAsync(key);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"owner@example.com/token:{key}"));

        Action<HttpRequestMessage>[] forms =
        [
            r => r.Headers.Add("X-API-Key", key),
            r => r.Headers.Add("api-key", key),
            r => r.Headers.Add("Authorization", "Bearer " + key),
            r => r.Headers.Add("token", key),
            r => r.Headers.Add("Authorization", "Basic " + basic),
        ];
        foreach (var form in forms)
        {
            var reply = await host.Http.SendAsync(HttpMethod.Get, "/api/polls", configure: form);
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            Assert.Equal(pollId, reply.Json["polls"]![0]!["id"]!.GetValue<string>());
        }
        // A key in the URL only where a family's documentation has it (Account's ?token=): on Polls it is not read at all.
        var query = await host.Http.GetReplyAsync($"/api/polls?token={Uri.EscapeDataString(key)}");
        Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (query.Status, query.ErrorCode));
    }

    [Fact]
    public async Task Missing_wrong_and_revoked_keys_are_401_and_a_rotated_key_works()
    {
        var (tenantId, key, keyId) = await host.Http.CreateTenantAsync();

        var missing = await host.Http.GetReplyAsync("/api/polls");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("unauthorized", missing.ErrorCode);
        var wrong = await host.Http.GetReplyAsync("/api/polls", "sfk_abcdefghij_" + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        var junk = await host.Http.GetReplyAsync("/api/polls", "' or PartitionKey ne '");
        Assert.Equal(HttpStatusCode.Unauthorized, junk.Status);

        var rotated = await host.Http.SendAsync(HttpMethod.Post, $"/api/admin/tenants/{tenantId}/keys", null,
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(HttpStatusCode.Created, rotated.Status);
        var newKey = rotated.Json["api_key"]!.GetValue<string>();
        Assert.NotEqual(key, newKey);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync("/api/polls", newKey)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync("/api/polls", key)).Status);

        var revoke = await host.Http.SendAsync(HttpMethod.Delete, $"/api/admin/tenants/{tenantId}/keys/{keyId}",
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(HttpStatusCode.OK, revoke.Status);
        var revoked = await host.Http.GetReplyAsync("/api/polls", key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync("/api/polls", newKey)).Status);

        var tenant = await host.Http.SendAsync(HttpMethod.Get, $"/api/admin/tenants/{tenantId}",
            configure: r => r.Headers.Add("X-Admin-Key", SurveyHost.AdminKey));
        Assert.Equal(2, tenant.Json["keys"]!.AsArray().Count);
        Assert.Contains(tenant.Json["keys"]!.AsArray(), k => k!["key_id"]!.GetValue<string>() == keyId && k["revoked_at"] is not null);
    }

    [Fact]
    public async Task The_stored_key_is_a_hash_and_never_the_key()
    {
        var (tenantId, key, _) = await host.Http.CreateTenantAsync();
        var storage = host.Get<SurveyStorage>();
        var everything = new List<TableEntity>();
        await foreach (var row in storage.ApiKeys.QueryAsync<TableEntity>()) everything.Add(row);
        await foreach (var row in storage.Tenants.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}")))
            everything.Add(row);

        Assert.NotEmpty(everything);
        foreach (var row in everything)
        {
            Assert.DoesNotContain(key, row.PartitionKey, StringComparison.Ordinal);
            Assert.DoesNotContain(key, row.RowKey, StringComparison.Ordinal);
            foreach (var value in row.Select(p => p.Value).OfType<string>())
                Assert.DoesNotContain(key[4..], value, StringComparison.Ordinal);
        }
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        Assert.Contains(everything, r => r.PartitionKey == hash);
    }

    [Fact]
    public async Task Another_tenants_key_sees_nothing_of_this_tenant()
    {
        var (_, owner, _) = await host.Http.CreateTenantAsync();
        var (_, stranger, _) = await host.Http.CreateTenantAsync();
        var pollId = await host.Http.CreatePublishedPollAsync(owner);

        var list = await host.Http.GetReplyAsync("/api/polls", stranger);
        Assert.Empty(list.Json["polls"]!.AsArray());
        Assert.Equal("poll_not_found", (await host.Http.PatchReplyAsync($"/api/polls/{pollId}", new { title = "hijack" }, stranger)).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.DeleteReplyAsync($"/api/polls/{pollId}", stranger)).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync($"/api/polls/{pollId}/votes", stranger)).ErrorCode);
        // The stranger is a public caller for the owner's published poll: it sees what the public sees, no more.
        var results = await host.Http.GetReplyAsync($"/api/polls/{pollId}/results", stranger);
        Assert.Equal(HttpStatusCode.Forbidden, results.Status);
        Assert.Equal("Which feature next?", (await host.Http.GetReplyAsync($"/api/polls/{pollId}")).Json["title"]!.GetValue<string>());
    }
}
