using System.Net;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;
using static SurveyFunctions.Tests.Responses.ResponseSubmissionTests;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// <c>GET /api/v2/guide/survey_responses</c>: every filter and both sorts, cursors forwards and backwards without gaps or
/// repeats while responses are added, and cursors that are forged, edited, from another list or another tenant refused.
/// </summary>
public sealed class ResponseListTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Lists_every_response_in_id_order_with_answers_and_meta()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await host.Http.CreateResponseAsync(key, survey.Uuid, 100 + i, [$"zen:ticket:{i}"])).Id);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(ids[2], Answers(Rating(survey.Questions["csatRating"], 5)),
            apiKey: key)).Status);

        var all = await host.Http.ListResponsesAsync(key);
        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(["meta", "survey_responses"], all.Json.AsObject().Select(p => p.Key));
        Assert.Equal(ids, IdsIn(all));
        Assert.False(all.Json["meta"]!["has_more"]!.GetValue<bool>());
        Assert.NotNull(all.Json["meta"]!["after_cursor"]);
        Assert.NotNull(all.Json["meta"]!["before_cursor"]);
        var listed = all.Json["survey_responses"]!.AsArray();
        Assert.Empty(listed[0]!["answers"]!.AsArray());
        Assert.Equal("good", listed[2]!["answers"]![0]!["rating_category"]!.GetValue<string>());
        Assert.Equal(102, listed[2]!["responder_id"]!.GetValue<long>());
        Assert.Equal("zen:ticket:2", listed[2]!["subjects"]![0]!["zrn"]!.GetValue<string>());

        var descending = await host.Http.ListResponsesAsync(key, "?sort=-id");
        Assert.Equal(Enumerable.Reverse(ids), IdsIn(descending));
        Assert.Equal(ids, IdsIn(await host.Http.ListResponsesAsync(key, "?sort=id")));

        // An empty page has no cursors.
        var (_, otherKey, _) = await host.Http.CreateTenantAsync();
        var empty = await host.Http.ListResponsesAsync(otherKey);
        Assert.Equal("""{"meta":{"after_cursor":null,"before_cursor":null,"has_more":false},"survey_responses":[]}""", empty.Json.ToJsonString());
    }

    [Fact]
    public async Task Filters_by_responder_subject_and_creation_time()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var a1 = (await host.Http.CreateResponseAsync(key, survey.Uuid, 1, ["zen:ticket:10", "zen:ticket:11"])).Id;
        var b1 = (await host.Http.CreateResponseAsync(key, survey.Uuid, 2, ["zen:ticket:10"])).Id;
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var middle = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var a2 = (await host.Http.CreateResponseAsync(key, survey.Uuid, 1, ["zen:conversation:abc-123"])).Id;
        var c1 = (await host.Http.CreateResponseAsync(key, survey.Uuid, 3, ["zen:ticket:11"])).Id;
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        var late = host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var b2 = (await host.Http.CreateResponseAsync(key, survey.Uuid, 2)).Id;

        Assert.Equal([a1, a2], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=1")));
        Assert.Equal([a1, b1, a2, b2], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=1,2")));
        Assert.Equal([b2, a2, b1, a1], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=2,1&sort=-id")));
        Assert.Empty(IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=99")));
        Assert.Equal([a1, b1], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[subject_zrns]=zen:ticket:10")));
        Assert.Equal([a1, b1, c1], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[subject_zrns]=zen:ticket:10,zen:ticket:11")));
        Assert.Equal([a2], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[subject_zrns]=zen:conversation:abc-123")));
        Assert.Equal([a1], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=1&filter[subject_zrns]=zen:ticket:11")));
        Assert.Equal([a1, c1], IdsIn(await host.Http.ListResponsesAsync(key, "?filter[responder_ids]=1,3&filter[subject_zrns]=zen:ticket:11")));

        Assert.Equal([a2, c1, b2], IdsIn(await host.Http.ListResponsesAsync(key, $"?filter[created_at_start]={middle}")));
        Assert.Equal([a1, b1, a2, c1], IdsIn(await host.Http.ListResponsesAsync(key, $"?filter[created_at_end]={late - 1}")));
        Assert.Equal([a2, c1], IdsIn(await host.Http.ListResponsesAsync(key,
            $"?filter[created_at_start]={middle}&filter[created_at_end]={late - 1}")));
        Assert.Equal([c1, a2], IdsIn(await host.Http.ListResponsesAsync(key,
            $"?filter[created_at_start]={middle}&filter[created_at_end]={late - 1}&sort=-id")));
        Assert.Equal([a2], IdsIn(await host.Http.ListResponsesAsync(key, $"?filter[created_at_start]={middle}&filter[responder_ids]=1")));
        Assert.Equal([c1], IdsIn(await host.Http.ListResponsesAsync(key,
            $"?filter[created_at_start]={middle}&filter[subject_zrns]=zen:ticket:11&sort=-id")));
        Assert.Empty(IdsIn(await host.Http.ListResponsesAsync(key, $"?filter[created_at_start]={late + 60}")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&sort=-id")]
    [InlineData("&filter[responder_ids]=7,8")]
    [InlineData("&filter[subject_zrns]=zen:ticket:1,zen:ticket:2&sort=-id")]
    public async Task Walks_forwards_and_backwards_without_gaps_or_repeats_while_responses_are_added(string filter)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var descending = filter.Contains("-id", StringComparison.Ordinal);
        var created = new List<string>();
        async Task AddAsync(int i) => created.Add((await host.Http.CreateResponseAsync(key, survey.Uuid, 7 + (i % 2),
            [$"zen:ticket:{1 + (i % 2)}"])).Id);
        for (var i = 0; i < 7; i++)
            await AddAsync(i);

        // Forwards, page size 3, adding a response after every page: nothing is skipped or shown twice, and in ascending
        // order the new ones come at the end of the walk (in descending order they are before its start).
        var seen = new List<string>();
        var pages = new List<(string? Before, string? After)>();
        string? after = null;
        do
        {
            var reply = await host.Http.ListResponsesAsync(key,
                "?page[size]=3" + filter + (after is null ? "" : "&page[after]=" + Uri.EscapeDataString(after)));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            var ids = IdsIn(reply);
            Assert.InRange(ids.Count, 0, 3);
            seen.AddRange(ids);
            pages.Add((reply.Json["meta"]!["before_cursor"]?.GetValue<string>(), reply.Json["meta"]!["after_cursor"]?.GetValue<string>()));
            if (!reply.Json["meta"]!["has_more"]!.GetValue<bool>())
                break;
            after = reply.Json["meta"]!["after_cursor"]!.GetValue<string>();
            if (created.Count < 12)
                await AddAsync(created.Count);
        }
        while (true);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var expected = descending ? created.Take(7).Reverse().ToList() : created;
        Assert.Equal(expected, seen);

        // Backwards from the last page's start: the same responses in the same order, page by page, back to the first.
        var back = new List<string>();
        var before = pages[^1].Before;
        while (before is not null)
        {
            var reply = await host.Http.ListResponsesAsync(key, "?page[size]=3" + filter + "&page[before]=" + Uri.EscapeDataString(before));
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            back.InsertRange(0, IdsIn(reply));
            before = reply.Json["meta"]!["has_more"]!.GetValue<bool>() ? reply.Json["meta"]!["before_cursor"]!.GetValue<string>() : null;
        }
        // Everything before the last page's first response in the list as it is now: in descending order that includes the
        // responses added during the forward walk, which sort before where it started.
        var lastPageFirst = seen[(seen.Count - 1) / 3 * 3];
        var current = descending ? Enumerable.Reverse(created).ToList() : created;
        Assert.Equal(current.TakeWhile(id => id != lastPageFirst), back);
    }

    [Fact]
    public async Task Forged_edited_and_foreign_cursors_are_refused()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, otherKey, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var otherSurvey = IdsOf(await host.Http.CreateStartedSurveyAsync(otherKey, CsatSurvey()));
        for (var i = 0; i < 3; i++)
        {
            await host.Http.CreateResponseAsync(key, survey.Uuid, 1, ["zen:ticket:1"]);
            await host.Http.CreateResponseAsync(otherKey, otherSurvey.Uuid, 1, ["zen:ticket:1"]);
        }
        var first = await host.Http.ListResponsesAsync(key, "?page[size]=1");
        var cursor = first.Json["meta"]!["after_cursor"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.ListResponsesAsync(key,
            "?page[size]=1&page[after]=" + Uri.EscapeDataString(cursor))).Status);

        var foreign = (await host.Http.ListResponsesAsync(otherKey, "?page[size]=1")).Json["meta"]!["after_cursor"]!.GetValue<string>();
        string[] bad =
        [
            "?page[after]=garbage", "?page[before]=MW", "?page[after]=01J1WB51MG6HXTYWE6Q0C93RNW",
            "?page[after]=" + Uri.EscapeDataString(foreign), "?page[before]=" + Uri.EscapeDataString(foreign),
            "?page[after]=" + Uri.EscapeDataString(Tampered(cursor).First()),
            // A cursor is bound to its list's filters and order: reusing it elsewhere is refused, not a page of another list.
            "?sort=-id&page[after]=" + Uri.EscapeDataString(cursor),
            "?filter[responder_ids]=1&page[after]=" + Uri.EscapeDataString(cursor),
            "?filter[subject_zrns]=zen:ticket:1&page[before]=" + Uri.EscapeDataString(cursor),
        ];
        foreach (var query in bad)
        {
            var reply = await host.Http.ListResponsesAsync(key, query);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{query}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            PlatformTests.AssertEnvelope("responses", reply, 400);
            Assert.Equal("BadRequest", reply.Json["errors"]![0]!["code"]!.GetValue<string>());
            Assert.Contains("page[", reply.Json["errors"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        // The other tenant's cursor, with the other tenant's key, still works there.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.ListResponsesAsync(otherKey,
            "?page[size]=1&page[after]=" + Uri.EscapeDataString(foreign))).Status);
    }

    [Fact]
    public async Task Each_tenant_lists_and_reads_only_its_own_responses()
    {
        var (_, keyA, _) = await host.Http.CreateTenantAsync();
        var (_, keyB, _) = await host.Http.CreateTenantAsync();
        var surveyA = IdsOf(await host.Http.CreateStartedSurveyAsync(keyA, CsatSurvey()));
        var surveyB = IdsOf(await host.Http.CreateStartedSurveyAsync(keyB, CsatSurvey()));
        var a = await host.Http.CreateResponseAsync(keyA, surveyA.Uuid, 5, ["zen:ticket:5"]);
        var b = await host.Http.CreateResponseAsync(keyB, surveyB.Uuid, 5, ["zen:ticket:5"]);

        Assert.Equal([a.Id], IdsIn(await host.Http.ListResponsesAsync(keyA, "?filter[responder_ids]=5&filter[subject_zrns]=zen:ticket:5")));
        Assert.Equal([b.Id], IdsIn(await host.Http.ListResponsesAsync(keyB)));
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en", a.Id, keyB), 404, "NotFound", "The survey response could not be found");
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(a.Id, Answers(Rating(surveyA.Questions["csatRating"], 1)), apiKey: keyB), 404,
            "NotFound", "The survey response could not be found");
        // B's own survey id in A's tenant is unknown; B's access token on A's response proves nothing about it.
        await AssertErrorAsync(await host.Http.CreateResponseReplyAsync(keyA, surveyB.Uuid, 5), 404, "NotFound",
            "The survey is not found by provided id");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en", a.Id, accessToken: b.AccessToken), 403, "Forbidden",
            "Access to the resource is forbidden");
        Assert.Empty((await host.Http.ShowResponseAsync("en", a.Id, keyA)).Json["survey_response"]!["answers"]!.AsArray());
    }

    [Fact]
    public async Task Responses_of_a_deleted_survey_drop_out_of_the_list_and_their_reads_are_404()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var kept = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var deleted = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var a = (await host.Http.CreateResponseAsync(key, kept.Uuid, 1)).Id;
        var gone = await host.Http.CreateResponseAsync(key, deleted.Uuid, 1);
        var b = (await host.Http.CreateResponseAsync(key, kept.Uuid, 1)).Id;
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{deleted.Uuid}", key)).Status);

        Assert.Equal([a, b], IdsIn(await host.Http.ListResponsesAsync(key)));
        // The survey is gone at once; the purge then removes its responses too (it may already have, on a fast machine).
        AssertGone(await host.Http.ShowResponseAsync("en", gone.Id, key));
        AssertGone(await host.Http.SubmitResponseAsync(gone.Id, Answers(Rating(deleted.Questions["csatRating"], 3)), accessToken: gone.AccessToken));
    }

    private static void AssertGone(Api.Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.NotFound, $"expected 404, got {(int)reply.Status}: {reply.Body?.ToJsonString()}");
        var title = reply.Json["errors"]![0]!["title"]!.GetValue<string>();
        Assert.Contains(title, new[] { "The survey is not found by provided id", "The survey response could not be found" });
        Assert.Equal("NotFound", reply.Json["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("?filter[responder_ids]=abc", "filter[responder_ids]")]
    [InlineData("?filter[responder_ids]=0", "filter[responder_ids]")]
    [InlineData("?filter[responder_ids]=1,-2", "filter[responder_ids]")]
    [InlineData("?filter[responder_ids]=1,2,3,4,5,6,7,8,9,10,11", "filter[responder_ids]")]
    [InlineData("?filter[subject_zrns]=ticket:1", "filter[subject_zrns]")]
    [InlineData("?filter[subject_zrns]=zen:ticket:", "filter[subject_zrns]")]
    [InlineData("?filter[created_at_start]=yesterday", "filter[created_at_start]")]
    [InlineData("?filter[created_at_end]=-5", "filter[created_at_end]")]
    [InlineData("?filter[created_at_end]=1.5", "filter[created_at_end]")]
    [InlineData("?filter[responder]=1", "filter[responder]")]
    [InlineData("?page[size]=0", "page[size]")]
    [InlineData("?page[size]=101", "page[size]")]
    [InlineData("?page[limit]=5", "page[limit]")]
    [InlineData("?sort=name", "sort")]
    [InlineData("?sort=id&sort=-id", "sort")]
    [InlineData("?page[after]=x&page[before]=y", "page[before]")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string parameter)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var reply = await host.Http.ListResponsesAsync(key, query);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        PlatformTests.AssertEnvelope("responses", reply, 400);
        Assert.Contains(parameter, reply.Json["errors"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static List<string> IdsIn(Api.Reply reply)
    {
        Assert.True(reply.Status == HttpStatusCode.OK, $"{(int)reply.Status} {reply.Body?.ToJsonString()}");
        return reply.Json["survey_responses"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
    }
}
