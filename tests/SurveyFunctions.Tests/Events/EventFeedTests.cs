using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;

namespace SurveyFunctions.Tests.Events;

/// <summary>
/// The events committed changes cause, read back through the catch-up feed over real HTTP: one per change, in commit
/// order, none for a refused change, and a walk of the feed while events are added neither skips nor repeats one.
/// </summary>
public sealed class EventFeedTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task A_surveys_life_is_reported_once_per_change_in_commit_order_and_refused_changes_report_nothing()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var completed = ThreePageAnswers.Varied(2);
        await completed.TakeAsync(host.Http, key, survey.Id(), "alice");
        await ThreePageAnswers.Varied(3).TakeAsync(host.Http, key, survey.Id()); // "No": disqualified
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/pause", null, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/close", null, key)).Status);
        // Refused: a closed survey is neither paused nor closed again.
        Assert.NotEqual(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/pause", null, key)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/close", null, key)).Status);

        var (events, _) = await host.Http.AllEventsAsync(key);
        Assert.Equal([EventTypes.SurveyStarted, EventTypes.ResponseCompleted, EventTypes.ResponseDisqualified, EventTypes.SurveyPaused,
            EventTypes.SurveyClosed], events.Select(e => e.Type()));
        Assert.Equal(events.Count, events.Select(e => e.EventId()).Distinct().Count());
        Assert.All(events, e =>
        {
            Assert.Matches("^evt_[0-9A-HJKMNP-TV-Z]{26}$", e.EventId());
            Assert.Equal(tenant, e["tenant_id"]!.GetValue<string>());
            Assert.Equal(survey.Uuid(), e["resource"]!["survey_uuid"]!.GetValue<string>());
            Assert.NotNull(e["occurred_at"]);
        });

        // The completed response carries its answers as the Account family shows them, and who gave them.
        var response = events[1]["data"]!;
        Assert.Equal("alice", response["respondent"]!["external_id"]!.GetValue<string>());
        var answers = response["answers"]!.AsArray().ToDictionary(a => a!["question"]!.GetValue<string>(), a => a!["answer"]!.GetValue<string>());
        Assert.Equal("Yes", answers[ThreePageAnswers.UsesQuestion]);
        Assert.Equal(completed.Often, answers[ThreePageAnswers.OftenQuestion]);
        Assert.Equal(completed.Nps.ToString(System.Globalization.CultureInfo.InvariantCulture), answers[ThreePageAnswers.NpsQuestion]);
        Assert.Equal(completed.Comment, answers[ThreePageAnswers.CommentQuestion]);
        Assert.Equal(response["session_id"]!.GetValue<long>(), events[1]["resource"]!["session_id"]!.GetValue<long>());
        Assert.Equal("closed", events[4]["data"]!["status"]!.GetValue<string>());
        Assert.Equal("manual", events[4]["data"]!["close_reason"]!.GetValue<string>());
        Assert.Equal("active", events[3]["data"]!["previous_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Polls_report_each_close_with_its_reason()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var manual = await host.Http.CreatePublishedPollAsync(key);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PatchReplyAsync($"/api/polls/{manual}", new { closed = true }, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PatchReplyAsync($"/api/polls/{manual}", new { title = "Renamed" }, key)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PatchReplyAsync($"/api/polls/{manual}", new { closed = false }, key)).Status);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PatchReplyAsync($"/api/polls/{manual}", new { closed = true }, key)).Status);
        var timed = await host.Http.CreatePublishedPollAsync(key, new { ends_at = host.Clock.GetUtcNow().AddMinutes(5) });
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        await host.Get<PollCloser>().RunAsync(CancellationToken.None);
        await host.Get<PollCloser>().RunAsync(CancellationToken.None); // a second run finds nothing to close

        var (events, _) = await host.Http.AllEventsAsync(key);
        Assert.Equal([(manual, "manual"), (manual, "manual"), (timed, "ends_at")], events.Select(e =>
            (e["resource"]!["poll_id"]!.GetValue<string>(), e["data"]!["close_reason"]!.GetValue<string>())));
        Assert.All(events, e => Assert.Equal(EventTypes.PollClosed, e.Type()));
        Assert.Equal(3, events.Select(e => e.EventId()).Distinct().Count());
    }

    [Fact]
    public async Task Walking_the_feed_while_events_are_added_never_skips_or_repeats_one()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var producers = Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            var uuid = (await host.Http.CreateSurveyAsync(key)).Uuid();
            foreach (var action in new[] { "start", "pause", "start", "close" })
                Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{uuid}/{action}", null, key)).Status);
        }));
        var walked = new List<JsonNode>();
        string? cursor = null;
        while (!producers.IsCompleted)
        {
            var (page, next, _) = await host.Http.EventPageAsync(key, cursor, limit: 3);
            walked.AddRange(page);
            cursor = next;
        }
        await producers;
        var (rest, _) = await host.Http.AllEventsAsync(key, cursor, limit: 3);
        walked.AddRange(rest);

        var (all, _) = await host.Http.AllEventsAsync(key);
        Assert.Equal(32, all.Count);
        Assert.Equal(all.Select(e => e.EventId()), walked.Select(e => e.EventId()));
        Assert.Equal(32, walked.Select(e => e.EventId()).Distinct().Count());
    }

    [Fact]
    public async Task Types_filter_the_feed_and_a_cursor_continues_from_where_it_was_when_more_is_committed()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey()))["uuid"]!.GetValue<string>();
        var (first, cursor) = await host.Http.AllEventsAsync(key);
        Assert.Equal([EventTypes.SurveyStarted], first.Select(e => e.Type()));
        var (none, same, more) = await host.Http.EventPageAsync(key, cursor);
        Assert.Empty(none);
        Assert.False(more);

        await host.Http.PostReplyAsync($"/api/surveys/{uuid}/pause", null, key);
        await host.Http.PostReplyAsync($"/api/surveys/{uuid}/close", null, key);
        var (later, _) = await host.Http.AllEventsAsync(key, same);
        Assert.Equal([EventTypes.SurveyPaused, EventTypes.SurveyClosed], later.Select(e => e.Type()));
        var (closes, _) = await host.Http.AllEventsAsync(key, types: $"{EventTypes.SurveyClosed},{EventTypes.PollClosed}");
        Assert.Equal([EventTypes.SurveyClosed], closes.Select(e => e.Type()));
    }

    [Fact]
    public async Task Bad_parameters_and_another_tenants_cursor_are_refused_and_tenants_see_only_their_own_events()
    {
        var (_, owner, _) = await host.Http.CreateTenantAsync();
        var (_, stranger, _) = await host.Http.CreateTenantAsync();
        await host.Http.CreateStartedSurveyAsync(owner, TakeApi.ThreePageSurvey());
        var (_, ownerCursor, _) = await host.Http.EventPageAsync(owner);

        foreach (var (query, field) in new[] { ("types=survey.exploded", "types"), ("types=", "types"), ("limit=0", "limit"),
            ("limit=101", "limit"), ("after=junk", "after"), ("after=" + Uri.EscapeDataString(ownerCursor), "after") })
        {
            var reply = await host.Http.GetReplyAsync("/api/events?" + query, stranger);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("validation_error", reply.ErrorCode);
            Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        }
        Assert.Empty((await host.Http.AllEventsAsync(stranger)).Events);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync("/api/events")).Status);
    }

    [Fact]
    public async Task Events_older_than_the_retention_period_leave_the_feed_and_the_next_appends_delete_them()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey())).Uuid();
        Assert.Single((await host.Http.AllEventsAsync(key)).Events);
        host.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Empty((await host.Http.AllEventsAsync(key)).Events);

        // The tenant's next event sheds the old one from storage too: its row and its key row (the head stays).
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{uuid}/pause", null, key)).Status);
        Assert.Equal([EventTypes.SurveyPaused], (await host.Http.AllEventsAsync(key)).Events.Select(e => e.Type()));
        var events = host.Get<EventTables>().Events;
        for (var waited = 0; waited < 100 && await events.GetOrNullAsync(tenant, EventKeys.SequenceRow(1)) is not null; waited++)
            await Task.Delay(100);
        var rows = events.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == tenant).ToBlockingEnumerable().Select(r => r.RowKey);
        Assert.Equal([EventKeys.HeadRow, EventKeys.SequenceRow(2)], rows.Where(r => !r.StartsWith("key|", StringComparison.Ordinal)).Order());
        Assert.Single(rows, r => r.StartsWith("key|", StringComparison.Ordinal));
    }
}
