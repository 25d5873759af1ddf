using System.Net;
using Azure.Data.Tables;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// Managing endpoints over real HTTP: the secret is shown once and never stored in the clear, changes stick, another
/// tenant sees none of it (the per-route probes are in the isolation matrix), and the URL rules against server-side
/// request forgery hold at creation (literal inner addresses) and at delivery (a name that resolves to one).
/// </summary>
public sealed class WebhookApiTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task An_endpoint_is_created_with_a_secret_shown_once_changed_rotated_and_deleted()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.PostReplyAsync("/api/webhooks", new
        {
            url = "https://hooks.example.com/in", event_types = new[] { EventTypes.ResponseCompleted, EventTypes.ResponseCompleted },
            description = "CRM",
        }, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Json["id"]!.GetValue<string>();
        var secret = created.Json["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.Equal([EventTypes.ResponseCompleted], created.Json["event_types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(created.Json["enabled"]!.GetValue<bool>());

        var read = await host.Http.WebhookAsync(key, id);
        Assert.Null(read["secret"]);
        Assert.Equal("CRM", read["description"]!.GetValue<string>());
        var patched = await host.Http.PatchReplyAsync($"/api/webhooks/{id}", new { enabled = false, event_types = Array.Empty<string>(),
            description = (string?)null }, key);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.False(patched.Json["enabled"]!.GetValue<bool>());
        Assert.Empty(patched.Json["event_types"]!.AsArray());
        Assert.Null(patched.Json["description"]);
        var list = await host.Http.GetReplyAsync("/api/webhooks", key);
        Assert.Equal([id], list.Json["webhooks"]!.AsArray().Select(w => w!["id"]!.GetValue<string>()));
        Assert.DoesNotContain("whsec_", list.Body!.ToJsonString(), StringComparison.Ordinal);

        var rotated = await host.Http.PostReplyAsync($"/api/webhooks/{id}/rotate-secret", null, key);
        var newSecret = rotated.Json["secret"]!.GetValue<string>();
        Assert.NotEqual(secret, newSecret);
        var graceEnds = rotated.Json["previous_secret_expires_at"]!.GetValue<DateTimeOffset>();
        Assert.InRange(graceEnds - host.Clock.GetUtcNow(), TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));

        // Storage holds neither secret in the clear, nor its key bytes in any encoding a reader could use.
        var rows = await RowsOfAsync(StorageNames.WebhooksTable);
        Assert.NotEmpty(rows);
        foreach (var text in rows)
        {
            foreach (var s in new[] { secret, newSecret })
            {
                Assert.DoesNotContain(s["whsec_".Length..], text, StringComparison.Ordinal);
                Assert.DoesNotContain(Convert.ToHexString(Convert.FromBase64String(s["whsec_".Length..])), text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteReplyAsync($"/api/webhooks/{id}", key)).Status);
        Assert.Equal("webhook_not_found", (await host.Http.GetReplyAsync($"/api/webhooks/{id}", key)).ErrorCode);
        Assert.Empty((await host.Http.GetReplyAsync("/api/webhooks", key)).Json["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task Another_tenant_never_lists_an_endpoint_and_creates_only_its_own()
    {
        var (_, a, _) = await host.Http.CreateTenantAsync();
        var (_, b, _) = await host.Http.CreateTenantAsync();
        var (mine, _) = await host.Http.CreateWebhookAsync(a, "https://a.example.com/in");
        var (theirs, _) = await host.Http.CreateWebhookAsync(b, "https://b.example.com/in");
        Assert.Equal([mine], (await host.Http.GetReplyAsync("/api/webhooks", a)).Json["webhooks"]!.AsArray()
            .Select(w => w!["id"]!.GetValue<string>()));
        Assert.Equal([theirs], (await host.Http.GetReplyAsync("/api/webhooks", b)).Json["webhooks"]!.AsArray()
            .Select(w => w!["id"]!.GetValue<string>()));
        Assert.Equal("webhook_not_found", (await host.Http.GetReplyAsync($"/api/webhooks/{mine}", b)).ErrorCode);
    }

    [Theory]
    [InlineData("https://127.0.0.1/in", "loopback")]
    [InlineData("https://10.0.0.1/in", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "cloud metadata")]
    [InlineData("https://[::1]:8443/in", "loopback")]
    [InlineData("https://[::ffff:10.1.2.3]/in", "private")]
    [InlineData("http://hooks.example.com/in", "https")]
    [InlineData("http://127.0.0.1:7071/in", "https")]
    public async Task Urls_to_inner_addresses_or_without_https_are_refused_when_not_allowed(string url, string why)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var reply = await host.Http.PostReplyAsync("/api/webhooks", new { url }, key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal("url", reply.Json["error"]!["field"]!.GetValue<string>());
        Assert.Contains(why, reply.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await host.Http.GetReplyAsync("/api/webhooks", key)).Json["webhooks"]!.AsArray());
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_at_delivery_and_nothing_reaches_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync(host.Clock);
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (id, _) = await host.Http.CreateWebhookAsync(key, $"https://localhost:{receiver.BaseAddress.Port}/in");
        await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());

        var log = await host.Http.WaitForLogAsync(key, id, l => l.Count > 0);
        var error = log[^1]["error"]!.GetValue<string>();
        Assert.Contains("Refused to connect to localhost", error, StringComparison.Ordinal);
        Assert.Contains("loopback", error, StringComparison.Ordinal);
        Assert.Null(log[^1]["status_code"]);
        Assert.Empty(receiver.Received);
    }

    private async Task<List<string>> RowsOfAsync(string table)
    {
        var rows = new List<string>();
        await foreach (var row in host.Get<SurveyStorage>().TableService.GetTableClient(table).QueryAsync<TableEntity>())
            rows.Add(string.Join("|", row.Select(p => $"{p.Key}={p.Value}")));
        return rows;
    }
}
