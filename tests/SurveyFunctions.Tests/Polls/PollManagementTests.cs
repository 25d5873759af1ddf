using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Polls;

/// <summary>Polls API: list, create (with every setting and its validation), get, patch, delete.</summary>
public sealed class PollManagementTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private static object SamplePoll() => new
    {
        title = "What feature should we build next?",
        description = "Help us prioritize our roadmap",
        options = new object[] { new { id = "opt_1", label = "Dark mode" }, new { id = "opt_2", label = "Mobile app" },
            new { id = "opt_3", label = "API improvements" } },
        allow_multiple = false,
        show_results_before_vote = false,
        show_results_after_vote = true,
        anonymous = true,
        starts_at = (string?)null,
        ends_at = "2099-02-01T00:00:00Z",
        max_responses = 1000,
        close_message = "Thanks, voting is over.",
    };

    [Fact]
    public async Task Create_returns_201_unpublished_with_every_setting()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.PostReplyAsync("/api/polls", SamplePoll(), key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var poll = created.Json;
        Assert.StartsWith("poll_", poll["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(poll["published"]!.GetValue<bool>());
        Assert.Equal("What feature should we build next?", poll["title"]!.GetValue<string>());
        Assert.Equal(3, poll["options"]!.AsArray().Count);
        Assert.True(poll["anonymous"]!.GetValue<bool>());
        Assert.Equal("2099-02-01T00:00:00Z", poll["ends_at"]!.GetValue<string>());
        Assert.Null(poll["starts_at"]);
        Assert.Equal(1000, poll["max_responses"]!.GetValue<long>());
        Assert.Equal("Thanks, voting is over.", poll["close_message"]!.GetValue<string>());
        Assert.EndsWith("Z", poll["created_at"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_generates_missing_option_ids()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.PostReplyAsync("/api/polls",
            new { title = "t", options = new object[] { new { label = "A" }, new { id = "opt_1", label = "B" }, new { label = "C" } } }, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var ids = created.Json["options"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal("opt_1", ids[1]);
    }

    [Theory]
    [InlineData("{\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}]}", "title")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"}]}", "options")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"id\":\"x\",\"label\":\"a\"},{\"id\":\"x\",\"label\":\"b\"}]}", "options")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":5}]}", "options[1].label")]
    [InlineData("{\"title\":\"t\",\"options\":\"a,b\"}", "options")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"ends_at\":\"tomorrow\"}", "ends_at")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"starts_at\":\"2030-01-02T00:00:00Z\",\"ends_at\":\"2030-01-01T00:00:00Z\"}", "ends_at")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"max_responses\":0}", "max_responses")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"max_responses\":\"10\"}", "max_responses")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"allow_multiple\":\"yes\"}", "allow_multiple")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"id\":\"a'or'1\",\"label\":\"a\"},{\"label\":\"b\"}]}", "options[0].id")]
    [InlineData("{\"titel\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}]}", "titel")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"max_respones\":10}", "max_respones")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"Anonymous\":true}", "Anonymous")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\",\"colour\":\"red\"}]}", "options[1].colour")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"published\":true}", "published")]
    [InlineData("{\"title\":\"t\",\"options\":[{\"label\":\"a\"},{\"label\":\"b\"}],\"id\":\"poll_mine\"}", "id")]
    public async Task Create_rejects_bad_input_naming_the_field(string body, string field)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var reply = await host.Http.PostReplyAsync("/api/polls", body, key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        Assert.Empty((await host.Http.GetReplyAsync("/api/polls", key)).Json["polls"]!.AsArray());
    }

    [Fact]
    public async Task List_is_paged_newest_first_and_rejects_bad_paging()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        for (var i = 0; i < 5; i++)
            await host.Http.PostReplyAsync("/api/polls",
                new { title = $"poll {i}", options = new object[] { new { label = "a" }, new { label = "b" } } }, key);

        var page2 = await host.Http.GetReplyAsync("/api/polls?page=2&limit=2", key);
        Assert.Equal(HttpStatusCode.OK, page2.Status);
        Assert.Equal(2, page2.Json["polls"]!.AsArray().Count);
        Assert.Equal("poll 2", page2.Json["polls"]![0]!["title"]!.GetValue<string>());
        Assert.Equal(2, page2.Json["pagination"]!["page"]!.GetValue<int>());
        Assert.Equal(5, page2.Json["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(3, page2.Json["pagination"]!["totalPages"]!.GetValue<int>());
        Assert.Equal("poll", page2.Json["polls"]![0]!["mode"]!.GetValue<string>());

        foreach (var bad in new[] { "page=0", "page=abc", "limit=0", "limit=101", "limit=-1", "page=1&page=2" })
        {
            var reply = await host.Http.GetReplyAsync("/api/polls?" + bad, key);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        }
    }

    [Fact]
    public async Task Unpublished_polls_are_visible_to_their_owner_only()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, other, _) = await host.Http.CreateTenantAsync();
        var id = (await host.Http.PostReplyAsync("/api/polls", SamplePoll(), key)).Json["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Status);
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync($"/api/polls/{id}")).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync($"/api/polls/{id}", other)).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync("/api/polls/poll_doesnotexist")).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync("/api/polls/" + new string('x', 500))).ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync($"/api/polls/{id}", "sfk_badbadbad_" + new string('y', 43))).Status);

        var published = await host.Http.PatchReplyAsync($"/api/polls/{id}", new { published = true }, key);
        Assert.True(published.Json["published"]!.GetValue<bool>());
        var pub = await host.Http.GetReplyAsync($"/api/polls/{id}");
        Assert.Equal(HttpStatusCode.OK, pub.Status);
        Assert.Equal(3, pub.Json["options"]!.AsArray().Count);
    }

    [Fact]
    public async Task Patch_updates_fields_and_refuses_to_remove_options_with_votes()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var before = (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json["updated_at"]!.GetValue<string>();
        await Task.Delay(1100);

        var patched = await host.Http.PatchReplyAsync($"/api/polls/{id}", new { title = "Updated Poll Title", ends_at = "2099-03-01T00:00:00Z" },
            key);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal("Updated Poll Title", patched.Json["title"]!.GetValue<string>());
        Assert.Equal("2099-03-01T00:00:00Z", patched.Json["ends_at"]!.GetValue<string>());
        Assert.NotEqual(before, patched.Json["updated_at"]!.GetValue<string>());

        var token = await host.Http.EmbedTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "fp-1", "opt_2")).Status);

        var removeVoted = await host.Http.PatchReplyAsync($"/api/polls/{id}",
            new { options = new object[] { new { id = "opt_1", label = "A" }, new { id = "opt_3", label = "C" } } }, key);
        Assert.Equal(HttpStatusCode.BadRequest, removeVoted.Status);
        Assert.Contains("opt_2", removeVoted.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var removeUnvoted = await host.Http.PatchReplyAsync($"/api/polls/{id}",
            new { options = new object[] { new { id = "opt_2", label = "Two" }, new { id = "opt_4", label = "Four" } } }, key);
        Assert.Equal(HttpStatusCode.OK, removeUnvoted.Status);
        var results = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal(1, results.Counts["opt_2"]);
        Assert.Equal(0, results.Counts["opt_4"]);

        var bad = await host.Http.PatchReplyAsync($"/api/polls/{id}", new { title = 42 }, key);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Updated Poll Title", (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json["title"]!.GetValue<string>());
    }

    /// <summary>
    /// A misspelt or unsupported field must not "succeed" changing nothing but <c>updated_at</c>: the whole PATCH is a
    /// validation_error naming the field, even next to valid fields, and nothing is written (storage rows and ETags unchanged).
    /// </summary>
    [Theory]
    [InlineData("{\"publishd\":true}", "publishd", "Unknown field 'publishd'. Accepted fields: title,")]
    [InlineData("{\"title\":\"Renamed\",\"ends_at\":\"2099-03-01T00:00:00Z\",\"end_at\":\"2099-04-01T00:00:00Z\"}", "end_at",
        "Unknown field 'end_at'")]
    [InlineData("{\"Published\":true}", "Published", "Unknown field 'Published'")]
    [InlineData("{\"options\":[{\"id\":\"opt_1\",\"label\":\"A\"},{\"id\":\"opt_2\",\"label\":\"B\",\"color\":\"red\"}]}", "options[1].color",
        "Unknown field 'color'. Accepted fields: id, label.")]
    [InlineData("{\"title\":\"Renamed\",\"updated_at\":\"2099-01-01T00:00:00Z\"}", "updated_at", "'updated_at' is set by the server")]
    [InlineData("{\"mode\":\"poll\"}", "mode", "'mode' is fixed when the poll is created")]
    public async Task Patch_with_an_unknown_field_is_a_validation_error_naming_it_and_writes_nothing(string body, string field, string message)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreateDraftPollAsync(key);
        var storage = host.Get<Core.Storage.SurveyStorage>();
        var pollBefore = (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json.ToJsonString();
        var storageBefore = await StorageSnapshot.TakeAsync(storage);

        var reply = await host.Http.PatchReplyAsync($"/api/polls/{id}", body, key);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        Assert.Contains(message, reply.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        StorageSnapshot.AssertUnchanged(storageBefore, await StorageSnapshot.TakeAsync(storage), body);
        var pollAfter = (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json.ToJsonString();
        Assert.Equal(pollBefore, pollAfter); // updated_at included
    }

    [Fact]
    public async Task Delete_removes_the_poll_its_votes_and_its_tokens_stop_working()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "fp-del", "opt_1")).Status);

        var deleted = await host.Http.DeleteReplyAsync($"/api/polls/{id}", key);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Json["success"]!.GetValue<bool>());
        Assert.Equal("poll_not_found", (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.VoteAsync(id, token, "fp-del-2", "opt_1")).ErrorCode);
        Assert.Equal("poll_not_found", (await host.Http.DeleteReplyAsync($"/api/polls/{id}", key)).ErrorCode);
        Assert.Empty((await host.Http.GetReplyAsync("/api/polls", key)).Json["polls"]!.AsArray());

        var storage = host.Get<Core.Storage.SurveyStorage>();
        var leftovers = 0;
        await foreach (var row in storage.PollVotes.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (row.RowKey.Contains(id, StringComparison.Ordinal))
                leftovers++;
        }
        Assert.Equal(0, leftovers);
    }
}
