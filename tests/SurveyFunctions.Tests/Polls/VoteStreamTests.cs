using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ExportApi;

namespace SurveyFunctions.Tests.Polls;

/// <summary>
/// <c>GET /api/polls/{id}/votes?format=csv|ndjson</c> over real HTTP against the standalone host and Azurite: one row per vote the
/// poll's results count at the file's <c>as_of</c>, the same votes the JSON list shows, never a fingerprint of an anonymous poll.
/// </summary>
public sealed class VoteStreamTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private static readonly string[] Columns = ["voted_at", "voter_hash", "voter", "option_ids", "option_labels", "client_metadata"];

    [Fact]
    public async Task A_csv_has_a_row_per_vote_the_results_count_with_option_ids_and_labels()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(key, new { allow_multiple = true }, options: 3);
        var token = await host.Http.EmbedTokenAsync(poll);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(poll, token, "=cmd|' /C calc'!A0", "opt_3", "opt_1")).Status);
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(poll, token, $"voter-{i}", $"opt_{i % 3 + 1}")).Status);

        var (total, _, _) = await host.Http.OwnerResultsAsync(poll, key);
        var file = await host.Http.DownloadAsync($"/api/polls/{poll}/votes?format=csv", key);

        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("text/csv; charset=utf-8", file.ContentType);
        Assert.True(file.TimeToHeaders < TimeSpan.FromSeconds(1), $"headers after {file.TimeToHeaders}");
        Assert.StartsWith($"votes-{poll}-", file.FileName, StringComparison.Ordinal);
        var asOf = DateTimeOffset.Parse(file.AsOf!, System.Globalization.CultureInfo.InvariantCulture);
        var (header, rows) = ParseCsv(file.Bytes);
        Assert.Equal(Columns, header);
        Assert.Equal(7, total);
        Assert.Equal(total, rows.Count);
        Assert.All(rows, r => Assert.True(DateTimeOffset.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture) <= asOf, r[0]));

        // The same votes as the JSON list: one per voter hash, the voter and options alike.
        var listed = await ListAsync(poll, key);
        Assert.Equal(listed.Select(v => v["voter_hash"]!.GetValue<string>()).Order(), rows.Select(r => r[1]).Order());
        var several = Assert.Single(rows, r => r[3].Contains(',', StringComparison.Ordinal));
        Assert.Equal(["'=cmd|' /C calc'!A0", "opt_1, opt_3", "Option 1, Option 3", """{"language":"en-US"}"""], several[2..]);
        var single = Assert.Single(rows, r => r[2] == "voter-4");
        Assert.Equal(["opt_2", "Option 2"], single[3..5]);
    }

    [Fact]
    public async Task Ndjson_lines_are_the_json_lists_votes_and_anonymous_polls_show_no_voter()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(key, new { anonymous = true });
        var token = await host.Http.EmbedTokenAsync(poll);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(poll, token, $"secret-person-{i}", "opt_2")).Status);

        var file = await host.Http.DownloadAsync($"/api/polls/{poll}/votes?format=ndjson", key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("application/x-ndjson; charset=utf-8", file.ContentType);
        var lines = ParseNdjson(file.Text);
        Assert.Equal((await host.Http.OwnerResultsAsync(poll, key)).Total, lines.Count);
        Assert.Equal((await ListAsync(poll, key)).Select(v => v.ToJsonString()).Order(), lines.Select(l => l.ToJsonString()).Order());
        Assert.All(lines, l => Assert.Null(l["voter"]));

        var csv = await host.Http.DownloadAsync($"/api/polls/{poll}/votes?format=csv&bom=true", key);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Bytes[..3]);
        Assert.All(ParseCsv(csv.Bytes).Rows, r => Assert.Equal("", r[2]));
        Assert.DoesNotContain("secret-person", file.Text + csv.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_stored_after_the_files_as_of_is_not_in_it()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(id);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, $"early-{i}", "opt_1")).Status);

        // A voter record stamped after the request, as one committed while the file is being written would be.
        var poll = (await host.Get<PollStore>().GetAsync(id, CancellationToken.None))!;
        var late = VoteKeys.VoterHash(poll.Salt, "late");
        await host.Get<SurveyStorage>().PollVotes.AddEntityAsync(new TableEntity(
            VoteKeys.Partition(VoteKeys.PartitionIndex(poll.ShardBase, poll.Shards, late)), VoteKeys.VoterRow(id, late))
        {
            ["Options"] = "opt_2",
            ["VotedAt"] = host.Clock.GetUtcNow().AddMinutes(5),
            ["Fingerprint"] = "late",
        });

        var file = await host.Http.DownloadAsync($"/api/polls/{id}/votes?format=csv", key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        var rows = ParseCsv(file.Bytes).Rows;
        Assert.Equal(3, rows.Count);
        Assert.DoesNotContain(rows, r => r[1] == late);
        Assert.Contains(await ListAsync(id, key), v => v["voter_hash"]!.GetValue<string>() == late);
    }

    [Fact]
    public async Task Without_format_the_path_is_the_paged_json_list_and_bad_options_are_the_families_400()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, strangerKey, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(poll);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(poll, token, "someone", "opt_1")).Status);

        var list = await host.Http.GetReplyAsync($"/api/polls/{poll}/votes", key);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(50, list.Json["pagination"]!["limit"]!.GetValue<int>());
        Assert.Single(list.Json["votes"]!.AsArray());

        foreach (var (query, field) in new[]
        {
            ("format=xml", "format"), ("format=json", "format"), ("format=CSV", "format"), ("format=", "format"),
            ("format=csv&format=ndjson", "format"), ("format=csv&bom=1", "bom"), ("format=csv&limit=10", "limit"),
            ("format=ndjson&cursor=abc", "cursor"),
        })
        {
            var reply = await host.Http.GetReplyAsync($"/api/polls/{poll}/votes?{query}", key);
            Assert.Equal((HttpStatusCode.BadRequest, "validation_error"), (reply.Status, reply.ErrorCode));
            Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        }

        foreach (var format in new[] { "csv", "ndjson" })
        {
            var stranger = await host.Http.GetReplyAsync($"/api/polls/{poll}/votes?format={format}", strangerKey);
            Assert.Equal((HttpStatusCode.NotFound, "poll_not_found"), (stranger.Status, stranger.ErrorCode));
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync($"/api/polls/{poll}/votes?format={format}")).Status);
        }
    }

    private async Task<List<JsonNode>> ListAsync(string poll, string key)
    {
        var reply = await host.Http.GetReplyAsync($"/api/polls/{poll}/votes?limit=100", key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Json["pagination"]!["next_cursor"]);
        return [.. reply.Json["votes"]!.AsArray().Select(v => v!)];
    }
}
