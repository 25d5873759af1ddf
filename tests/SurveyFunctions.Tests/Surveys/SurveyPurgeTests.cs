using System.Globalization;
using System.Net;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>
/// <c>DELETE /api/surveys/{uuid}</c> and the purge behind it, over real HTTP and Azurite: data collected through every family,
/// the survey deleted, the purge run as the Functions runtime runs it (queue messages handed to the job one by one, the
/// recovery timer called by hand), then every table compared row by row (<see cref="StorageSnapshot"/>): nothing of the
/// survey is left, and every other row, of the tenant's other survey, of another tenant and of lookalike surveys, is
/// exactly as it was. Jobs are off in this host, so each test decides when aggregation and purge passes run; passes are
/// small (<see cref="SmallPurgePassesSurveyHost.RowsPerPass"/> rows), so a purge takes many, each queuing the next.
/// </summary>
public sealed class SurveyPurgeTests(SmallPurgePassesSurveyHost host) : IClassFixture<SmallPurgePassesSurveyHost>
{
    private SurveyStorage Storage => host.Get<SurveyStorage>();

    [Fact]
    public async Task Delete_makes_the_survey_unreadable_everywhere_and_the_purge_removes_its_rows_and_nothing_else()
    {
        var (tenantA, keyA, _) = await host.Http.CreateTenantAsync("enterprise");
        var (tenantB, keyB, _) = await host.Http.CreateTenantAsync("enterprise");
        var before = await RowKeysAsync();
        var doomed = await host.Http.CreateStartedSurveyAsync(keyA, TakeApi.ThreePageSurvey(name: "Doomed"));
        var collected = await SurveyData.CollectAsync(host.Http, keyA, doomed);
        await DrainAggregationAsync();
        var doomedRows = await RowsSinceAsync(before);
        // Every family wrote something, so a purge that skipped one would leave a row this test sees.
        Assert.All(new[] { StorageNames.SurveysTable, StorageNames.SurveyIndexTable, StorageNames.SessionsTable, StorageNames.SessionCompletionsTable,
            StorageNames.PollVotesTable, StorageNames.PanelistsTable, StorageNames.SurveyResponsesTable },
            table => Assert.Contains(doomedRows, row => row.StartsWith(table + " ", StringComparison.Ordinal)));

        // The same respondents take the tenant's other survey and another tenant's; lookalike surveys share keys' prefixes.
        var kept = await host.Http.CreateStartedSurveyAsync(keyA, TakeApi.ThreePageSurvey(name: "Kept"));
        var keptData = await SurveyData.CollectAsync(host.Http, keyA, kept);
        var othersData = await SurveyData.CollectAsync(host.Http, keyB,
            await host.Http.CreateStartedSurveyAsync(keyB, TakeApi.ThreePageSurvey(name: "Other tenant's")));
        var uuid = doomed.Uuid();
        var now = host.Clock.GetUtcNow();
        await SurveyData.SeedLookalikeAsync(Storage.TableService, tenantA, uuid[..^1] + (uuid[^1] == '0' ? '1' : '0'), now);
        await SurveyData.SeedLookalikeAsync(Storage.TableService, tenantA, uuid + "0", now);
        await SurveyData.SeedLookalikeAsync(Storage.TableService, tenantB, uuid, now);
        await DrainAggregationAsync();
        var keptResults = await host.Http.SendAsync(HttpMethod.Get, $"/api/surveys/{kept.Uuid()}/results", configure: Key(keyA));
        var everything = await StorageSnapshot.TakeAsync(Storage);

        var deleted = await host.Http.SendAsync(HttpMethod.Delete, $"/api/surveys/{uuid}", configure: Key(keyA));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Json["success"]!.GetValue<bool>());
        await AssertGoneEverywhereAsync(keyA, collected);

        // Each pass deletes about its budget (a session's rows go together) and queues the next.
        var passes = await RunQueuedPurgesAsync();
        Assert.True(passes > 2 && passes >= doomedRows.Count / (2 * SmallPurgePassesSurveyHost.RowsPerPass),
            $"{passes} passes for {doomedRows.Count} rows");
        Assert.NotNull(await host.Get<SurveyPurgeLedger>().GetAsync(tenantA, uuid, CancellationToken.None)); // settling: one sweep to go
        host.Clock.Advance(SurveyPurger.SettleTime);
        Assert.True(await host.Get<SurveyPurgeRecovery>().RunAsync(CancellationToken.None) >= 1);
        await RunQueuedPurgesAsync();
        Assert.Null(await host.Get<SurveyPurgeLedger>().GetAsync(tenantA, uuid, CancellationToken.None));

        var expected = everything.Where(row => !doomedRows.Contains(RowKey(row))).ToHashSet(StringComparer.Ordinal);
        StorageSnapshot.AssertUnchanged(expected, await StorageSnapshot.TakeAsync(Storage),
            "after the purge, exactly the deleted survey's rows are gone");
        await AssertGoneEverywhereAsync(keyA, collected);

        // What stays reads as before: the other survey's results, and the respondent profile with its other survey's session.
        var keptAfter = await host.Http.SendAsync(HttpMethod.Get, $"/api/surveys/{kept.Uuid()}/results", configure: Key(keyA));
        Assert.Equal(keptResults.Body!.ToJsonString(), keptAfter.Body!.ToJsonString());
        var alice = await host.Http.AccountGetAsync($"/api/account/respondents/{SurveyData.Customers[0]}", keyA);
        Assert.Equal(HttpStatusCode.OK, alice.Status);
        Assert.Equal([keptData.Uuid], alice.Json["sessions"]!.AsArray().Select(s => s!["survey_uuid"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.ShowResponseAsync("en-us", othersData.ResponseId, apiKey: keyB)).Status);
    }

    [Fact]
    public async Task A_purge_interrupted_half_way_and_run_again_side_by_side_finishes_and_a_redelivered_message_changes_nothing()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var before = await RowKeysAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        await SurveyData.CollectAsync(host.Http, key, survey);
        await Task.WhenAll(Enumerable.Range(10, 12).Select(i => ThreePageAnswers.Varied(i).TakeAsync(host.Http, key, survey.Id(),
            $"respondent-{i}")));
        await DrainAggregationAsync();
        var surveyRows = await RowsSinceAsync(before);
        Assert.True(surveyRows.Count > 60, $"only {surveyRows.Count} rows: too few for a purge in several passes");

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(HttpMethod.Delete, $"/api/surveys/{survey.Uuid()}", configure: Key(key))).Status);
        var again = await host.Http.SendAsync(HttpMethod.Delete, $"/api/surveys/{survey.Uuid()}", configure: Key(key));
        Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (again.Status, again.ErrorCode));

        // A pass that stops after a few rows (as one that crashed would have): some rows are gone, most are not.
        var purger = host.Get<SurveyPurger>();
        Assert.Equal(PurgeProgress.More, await purger.PurgeAsync(tenant, survey.Uuid(), 10, CancellationToken.None));
        var left = surveyRows.Intersect(await RowKeysAsync()).Count();
        Assert.InRange(left, 1, surveyRows.Count - 10);

        // Three passes at once, again and again, each deleting rows the others may be deleting too.
        PurgeProgress[] progress;
        do
        {
            progress = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => purger.PurgeAsync(tenant, survey.Uuid(), 15, CancellationToken.None)));
        }
        while (progress.Contains(PurgeProgress.More));
        Assert.All(progress, p => Assert.Equal(PurgeProgress.Settling, p));
        Assert.Empty(surveyRows.Intersect(await RowKeysAsync()));

        // A request that read the survey just before the delete stores its session now: the last sweep takes it too.
        var sessions = host.Get<SessionStore>();
        var now = host.Clock.GetUtcNow();
        var late = new SurveySession { TenantId = tenant, Id = 9_000_001, SurveyUuid = survey.Uuid(),
            SurveyId = long.Parse(survey.Id(), CultureInfo.InvariantCulture), StartedAt = now, LastAccessAt = now };
        Assert.NotNull(await sessions.CreateAsync(late, null, null, null, CancellationToken.None));
        Assert.NotNull(await sessions.GetAsync(late.Locator, CancellationToken.None));

        host.Clock.Advance(SurveyPurger.SettleTime);
        Assert.Equal(PurgeProgress.Done, await purger.PurgeAsync(tenant, survey.Uuid(), int.MaxValue, CancellationToken.None));
        Assert.Null(await sessions.GetAsync(late.Locator, CancellationToken.None));
        Assert.Empty(surveyRows.Intersect(await RowKeysAsync()));
        var done = await StorageSnapshot.TakeAsync(Storage);
        await purger.ProcessMessageAsync(SurveyPurgeMessage.Format(tenant, survey.Uuid()), CancellationToken.None);
        StorageSnapshot.AssertUnchanged(done, await StorageSnapshot.TakeAsync(Storage), "a purge message delivered again after the purge finished");
    }

    [Fact]
    public async Task A_lost_purge_message_is_queued_again_by_the_recovery_timer()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var before = await RowKeysAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        await SurveyData.CollectAsync(host.Http, key, survey);
        await DrainAggregationAsync();
        var surveyRows = await RowsSinceAsync(before);

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(HttpMethod.Delete, $"/api/surveys/{survey.Uuid()}", configure: Key(key))).Status);
        await Storage.SurveyPurgeQueue.ClearMessagesAsync(); // the message is lost
        var recovery = host.Get<SurveyPurgeRecovery>();
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None)); // not due yet: its message may still be on its way

        host.Clock.Advance(SurveyPurger.LostAfter);
        Assert.True(await recovery.RunAsync(CancellationToken.None) >= 1);
        await RunQueuedPurgesAsync();
        Assert.Empty(surveyRows.Intersect(await RowKeysAsync()));
        Assert.Null(await host.Get<SurveyPurgeLedger>().GetAsync(tenant, survey.Uuid(), CancellationToken.None));
    }

    [Fact]
    public async Task A_purge_message_that_is_not_one_fails_so_it_ends_in_the_poison_queue()
    {
        var purger = host.Get<SurveyPurger>();
        foreach (var text in new[] { "", "no-separator", "a|b|c", "tnt_1|bad#uuid" })
            await Assert.ThrowsAsync<FormatException>(() => purger.ProcessMessageAsync(text, CancellationToken.None));
    }

    /// <summary>
    /// Every family's view of a deleted survey: its documented "not found" (or, for a panelist key, "not authorized"),
    /// never a 500 and never the old data.
    /// </summary>
    private async Task AssertGoneEverywhereAsync(string key, CollectedData data)
    {
        var survey = await host.Http.SendAsync(HttpMethod.Get, $"/api/surveys/{data.Uuid}", configure: Key(key));
        Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (survey.Status, survey.ErrorCode));
        var results = await host.Http.SendAsync(HttpMethod.Get, $"/api/surveys/{data.Uuid}/results", configure: Key(key));
        Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (results.Status, results.ErrorCode));

        foreach (var path in new[] { $"/api/account/surveys/{data.Uuid}",
            $"/api/account/surveys/{data.Uuid}/sessions-by-respondent/{SurveyData.Customers[0]}", $"/api/account/surveys/{data.Uuid}/respondents/list" })
        {
            var account = await host.Http.AccountGetAsync(path, key);
            Assert.True(account.Status == HttpStatusCode.NotFound && account.Json["status"]!.GetValue<int>() == 404,
                $"{path}: {(int)account.Status} {account.Body?.ToJsonString()}");
        }
        var respondent = await host.Http.AccountGetAsync($"/api/account/respondents/{SurveyData.Customers[1]}", key);
        Assert.Equal(HttpStatusCode.OK, respondent.Status); // the profile stays
        Assert.DoesNotContain(respondent.Json["sessions"]!.AsArray(), s => s!["survey_uuid"]!.GetValue<string>() == data.Uuid);

        foreach (var id in new[] { data.Uuid, data.SurveyId })
        {
            var take = await host.Http.TakeAsync(key, id, data.TakeToken);
            Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (take.Status, take.Json["response"]!["error"]!["name"]!.GetValue<string>()));
        }
        var submit = await host.Http.SubmitAsync(key, data.Uuid, data.TakeToken, new { answers = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.NotFound, submit.Status);

        var panelist = await host.Http.GetPanelistAsync(key, data.Uuid, SurveyData.Panelist);
        Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (panelist.Status, panelist.Json["error"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.OpenAsync(data.PanelistKey)).Status);

        foreach (var shown in new[] { await host.Http.ShowResponseAsync("en-us", data.ResponseId, apiKey: key),
            await host.Http.ShowResponseAsync("en-us", data.ResponseId, accessToken: data.ResponseToken) })
            Assert.Equal((HttpStatusCode.NotFound, "404"), (shown.Status, shown.Json["errors"]![0]!["status"]!.GetValue<string>()));
        var form = await host.Http.SendAsync(HttpMethod.Get,
            $"/hc/api/en-us/survey_responses/{data.ResponseId}/form?access_token={Uri.EscapeDataString(data.ResponseToken)}");
        Assert.Equal(HttpStatusCode.NotFound, form.Status);
        var resubmitted = await host.Http.SubmitResponseAsync(data.ResponseId, ResponsesApi.Answers(), accessToken: data.ResponseToken);
        Assert.Equal((HttpStatusCode.NotFound, "404"), (resubmitted.Status, resubmitted.Json["errors"]![0]!["status"]!.GetValue<string>()));
        var listed = await host.Http.ListResponsesAsync(key);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.DoesNotContain(listed.Json["survey_responses"]!.AsArray(), r => r!["id"]!.GetValue<string>() == data.ResponseId);
    }

    /// <summary>Hands every message on the purge queue to the job, as the Functions queue trigger would, until none is
    /// left; returns how many.</summary>
    private async Task<int> RunQueuedPurgesAsync()
    {
        var purger = host.Get<SurveyPurger>();
        for (var handled = 0; handled < 1000; handled++)
        {
            var message = (await Storage.SurveyPurgeQueue.ReceiveMessageAsync()).Value;
            if (message is null)
                return handled;
            await purger.ProcessMessageAsync(message.Body.ToString(), CancellationToken.None);
            await Storage.SurveyPurgeQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        throw new InvalidOperationException("The purge queue never ran dry.");
    }

    private async Task DrainAggregationAsync()
    {
        var aggregator = host.Get<VoteAggregator>();
        for (var partition = 0; partition < SurveyCounterKeys.Shards; partition++)
            await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
    }

    /// <summary>Rows ("table PK RK") that appeared since <paramref name="before"/>, less the tenant's own rows a
    /// survey delete must keep: respondent profiles, id counters and the tenant's event log (what happened stays reported
    /// for the retention period, whatever it was about).</summary>
    private async Task<HashSet<string>> RowsSinceAsync(IReadOnlySet<string> before) =>
        (await RowKeysAsync()).Except(before)
            .Where(row => !row.StartsWith(StorageNames.IdCountersTable + " ", StringComparison.Ordinal))
            .Where(row => !row.StartsWith(StorageNames.EventsTable + " ", StringComparison.Ordinal))
            .Where(row => !(row.StartsWith(StorageNames.SessionsTable + " ", StringComparison.Ordinal) && row.EndsWith(' ')))
            .ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlySet<string>> RowKeysAsync()
        => (await StorageSnapshot.TakeAsync(Storage)).Select(RowKey).ToHashSet(StringComparer.Ordinal);

    /// <summary>"table PK RK" of a snapshot row "table PK RK ETag" (ETags hold no spaces; an empty RK leaves a trailing space).</summary>
    private static string RowKey(string row) => row[..row.LastIndexOf(' ')];

    private static Action<HttpRequestMessage> Key(string key) => r => r.Headers.Add("X-API-Key", key);
}
