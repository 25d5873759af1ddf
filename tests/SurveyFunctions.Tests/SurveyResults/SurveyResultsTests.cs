using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.SurveyResults;

/// <summary>
/// Survey results over real HTTP: sessions taken through the Take endpoints, their answers counted through the vote
/// pipeline's counters with the aggregator driven by hand, so each test decides when (and how often, and how many at once)
/// aggregation runs.
/// </summary>
public sealed class SurveyResultsTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task Results_are_exact_for_every_question_type_before_and_after_aggregation()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var empty = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid());
        ThreePageAnswers.AssertResults(empty, []);
        Assert.Equal((survey.Uuid(), survey["id"]!.GetValue<long>(), "Three pages"),
            (empty["uuid"]!.GetValue<string>(), empty["id"]!.GetValue<long>(), empty["name"]!.GetValue<string>()));

        var taken = Enumerable.Range(0, 24).Select(ThreePageAnswers.Varied).ToArray();
        Assert.Contains(taken, t => t.Disqualifies);
        await Task.WhenAll(taken.Select(t => t.TakeAsync(host.Http, key, survey.Id())));
        // Left on the last page: not completed, so not counted.
        await ThreePageAnswers.Varied(1).TakeToLastPageAsync(host.Http, key, survey.Id());

        // Before the aggregator runs, results add the pending rows: already exact.
        var pending = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid());
        ThreePageAnswers.AssertResults(pending, taken);
        Assert.Equal(taken.Count(t => !t.Disqualifies), pending["pending_sessions"]!.GetValue<long>());

        await DrainAsync();
        var drained = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid());
        ThreePageAnswers.AssertResults(drained, taken);
        Assert.Equal(0, drained["pending_sessions"]!.GetValue<long>());
    }

    [Fact]
    public async Task Results_stay_exact_when_every_aggregation_message_is_processed_twice_and_by_racing_aggregators()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var storage = host.Get<SurveyStorage>();
        // Separate instances, as on separate Functions workers: each with its own counter and target caches.
        var aggregators = Enumerable.Range(0, 3).Select(_ => new VoteAggregator(storage, FreshTargets(),
            NullLogger<VoteAggregator>.Instance)).ToArray();

        var taken = new List<ThreePageAnswers>();
        for (var round = 0; round < 3; round++)
        {
            var batch = Enumerable.Range(round * 16, 16).Select(ThreePageAnswers.Varied).ToArray();
            await Task.WhenAll(batch.Select(t => t.TakeAsync(host.Http, key, survey.Id())));
            taken.AddRange(batch);
            await Task.Delay(1500); // let the delayed aggregation messages become visible
            var messages = (await storage.VoteQueue.PeekMessagesAsync(32)).Value;
            Assert.NotEmpty(messages);
            // Every message handled three times, by three aggregators racing each other, then once more.
            await Task.WhenAll(messages.SelectMany(m => aggregators.Select(a => a.ProcessMessageAsync(m.Body.ToString(), CancellationToken.None))));
            await Task.WhenAll(messages.Select(m => aggregators[1].ProcessMessageAsync(m.Body.ToString(), CancellationToken.None)));
            ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), taken);
        }

        // Redelivered once everything is applied: nothing left to apply, nothing counted twice.
        for (var partition = 0; partition < SurveyCounterKeys.Shards; partition++)
        {
            await Task.WhenAll(aggregators.Select(a => a.ProcessMessageAsync(AggregationMessage.Create(partition), CancellationToken.None)));
        }
        var results = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid());
        ThreePageAnswers.AssertResults(results, taken);
        Assert.Equal(0, results["pending_sessions"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_repeated_final_submit_sequential_or_concurrent_is_counted_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var sequential = ThreePageAnswers.Varied(5);
        var concurrent = ThreePageAnswers.Varied(6);

        var (lastToken, final) = await sequential.TakeAsync(host.Http, key, survey.Id());
        Assert.Equal("survey_complete", final.ResponseStatus);
        var lastPage = await sequential.TakeToLastPageAsync(host.Http, key, survey.Id()); // a second respondent with the same answers
        var again = await sequential.SubmitFinalPageAsync(host.Http, key, survey.Id(), lastPage, lastPage.Token!);
        Assert.Equal("survey_complete", again.ResponseStatus);
        // The first respondent's final page once more with the same token: the replay, not a second count.
        var replayPage = await host.Http.TakeAsync(key, survey.Id(), lastToken);
        Assert.Equal("already_completed", replayPage.ResponseStatus);
        var replay = await host.Http.SubmitAnswersAsync(key, survey.Id(), lastToken,
            (lastPage.QuestionId(ThreePageAnswers.NpsQuestion), sequential.Nps));
        Assert.Equal("survey_complete", replay.ResponseStatus);

        var racing = await concurrent.TakeToLastPageAsync(host.Http, key, survey.Id());
        var replies = await Task.WhenAll(Enumerable.Range(0,
            8).Select(_ => concurrent.SubmitFinalPageAsync(host.Http, key, survey.Id(), racing, racing.Token!)));
        Assert.All(replies, r => Assert.Equal("survey_complete", r.ResponseStatus));

        ThreePageAnswers[] taken = [sequential, sequential, concurrent];
        ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), taken);
        await DrainAsync();
        ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), taken);
    }

    [Fact]
    public async Task A_completion_whose_process_died_before_counting_is_counted_by_recovery_exactly_once()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var counter = host.Get<SessionAnswerCounter>();
        var sessions = host.Get<SessionStore>();
        var recovery = host.Get<UncountedSessionRecovery>();
        await SurveyJobs.DrainRecoveryAsync(host); // markers other tests left, out of the way

        // One respondent finishes normally; another's process dies between saving the completed session and counting it:
        // what PageSubmitter does, stopped after the save (the marker is written, the session is complete, nothing counted).
        var normal = ThreePageAnswers.Varied(2);
        await normal.TakeAsync(host.Http, key, survey.Id());
        var cutOff = ThreePageAnswers.Varied(9);
        var customer = "cut-" + Guid.NewGuid().ToString("N")[..8];
        var lastPage = await cutOff.TakeToLastPageAsync(host.Http, key, survey.Id(), customer);
        var session = Assert.Single(await sessions.ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        var marker = await counter.AnnounceAsync(session, default);
        var completed = await sessions.SaveAsync(session, Finished(session, lastPage, cutOff, host.Clock.GetUtcNow()), 2, default);
        Assert.NotNull(completed);
        ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), [normal]);

        // A young marker may be a submission still saving: left alone. Past the interval, the session is counted.
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), [normal, cutOff]);
        Assert.Null(await MarkerAsync(marker));
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));

        // A marker left after the count too (the process died before deleting it): counted again, changing nothing.
        await counter.AnnounceAsync(completed, default);
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        await DrainAsync();
        var results = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid());
        ThreePageAnswers.AssertResults(results, [normal, cutOff]);
        Assert.Equal(0, results["pending_sessions"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_marker_of_a_session_that_never_completed_is_kept_for_an_hour_then_dropped_uncounted()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var recovery = host.Get<UncountedSessionRecovery>();
        await SurveyJobs.DrainRecoveryAsync(host);
        var customer = "never-" + Guid.NewGuid().ToString("N")[..8];
        await ThreePageAnswers.Varied(4).TakeToLastPageAsync(host.Http, key, survey.Id(), customer);
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        // The process died after the marker, before the save: the session is still on its last page.
        var marker = await host.Get<SessionAnswerCounter>().AnnounceAsync(session, default);

        host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        Assert.NotNull(await MarkerAsync(marker));
        host.Clock.Advance(UncountedSessionRecovery.AbandonedAfter);
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        Assert.Null(await MarkerAsync(marker));
        ThreePageAnswers.AssertResults(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid()), []);
    }

    [Fact]
    public async Task Results_of_an_unknown_survey_or_another_tenants_are_survey_not_found()
    {
        var (_, owner, _) = await host.Http.CreateTenantAsync();
        var (_, stranger, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(owner, TakeApi.ThreePageSurvey());
        await ThreePageAnswers.Varied(0).TakeAsync(host.Http, owner, survey.Id());

        foreach (var (path, apiKey) in new[] { ($"/api/surveys/{survey.Uuid()}/results", stranger),
            ($"/api/surveys/{Guid.NewGuid()}/results", owner) })
        {
            var reply = await host.Http.GetReplyAsync(path, apiKey);
            Assert.Equal(HttpStatusCode.NotFound, reply.Status);
            Assert.Equal("survey_not_found", reply.ErrorCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}/results")).Status);
    }

    /// <summary>The finished copy of a session on its last page, as PageSubmitter would save it.</summary>
    internal static SurveySession Finished(SurveySession session, TakeApi.TakeReply lastPage, ThreePageAnswers answers, DateTimeOffset now)
    {
        var given = new List<SessionAnswer>
        {
            new() { Id = 900_000_001, QuestionId = lastPage.QuestionId(ThreePageAnswers.NpsQuestion), QuestionIdentifier = "qNps", PageIndex = 2,
                Value = answers.Nps, AnsweredAt = now },
        };
        if (answers.Comment is not null)
            given.Add(new() { Id = 900_000_002, QuestionId = lastPage.QuestionId(ThreePageAnswers.CommentQuestion), QuestionIdentifier = "qComment",
                PageIndex = 2, Text = answers.Comment, AnsweredAt = now });
        return session with
        {
            Answers = [.. session.Answers, .. given],
            Step = session.Step + 1,
            IsCompleted = true,
            CompletedAt = now,
            LastAccessAt = now,
        };
    }

    private CounterTargets FreshTargets() =>
        new([new PollCounterTargets(host.Get<PollStore>(), host.Get<PollResultsEvents>()),
            new SurveyCounterTargets(host.Get<SurveyStore>(), TimeProvider.System)]);

    private Task<TableEntity?> MarkerAsync(CountingMarker marker) =>
        host.Get<SurveyStorage>().PollVotes.GetOrNullAsync(VoteKeys.Partition(marker.PartitionIndex), marker.RowKey);

    private Task DrainAsync() => SurveyJobs.DrainAsync(host);
}
