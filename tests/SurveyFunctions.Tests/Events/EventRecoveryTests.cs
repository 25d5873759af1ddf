using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;

namespace SurveyFunctions.Tests.Events;

/// <summary>
/// A process that dies between committing a change and recording its event: the recovery jobs record it, exactly once,
/// and a change that never committed gets no event. The crash is reproduced by doing what the writer does and stopping.
/// </summary>
public sealed class EventRecoveryTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task A_completion_saved_by_a_process_that_died_is_reported_by_the_recovery_job_once()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var (_, afterStart) = await host.Http.AllEventsAsync(key);
        await SurveyJobs.DrainRecoveryAsync(host);
        var customer = "cut-" + Guid.NewGuid().ToString("N")[..8];
        var answers = ThreePageAnswers.Varied(5);
        var lastPage = await answers.TakeToLastPageAsync(host.Http, key, survey.Id(), customer);
        var sessions = host.Get<SessionStore>();
        var session = Assert.Single(await sessions.ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        var counter = host.Get<SessionAnswerCounter>();
        var marker = await counter.AnnounceAsync(session, default);
        var completed = await sessions.SaveAsync(session, SurveyResultsTests.Finished(session, lastPage, answers, host.Clock.GetUtcNow()), 2,
            default);
        Assert.NotNull(completed);
        Assert.Empty((await host.Http.AllEventsAsync(key, afterStart)).Events);

        var recovery = host.Get<UncountedSessionRecovery>();
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        // The marker left once more (a process died after recording, before deleting it): recovered again, reported once.
        await counter.AnnounceAsync(completed, default);
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        var events = (await host.Http.AllEventsAsync(key, afterStart)).Events;
        var e = Assert.Single(events);
        Assert.Equal(EventTypes.ResponseCompleted, e.Type());
        Assert.Equal(completed.Id, e["resource"]!["session_id"]!.GetValue<long>());
        Assert.Null(await host.Get<SurveyStorage>().PollVotes.GetOrNullAsync(Core.Counting.VoteKeys.Partition(marker.PartitionIndex), marker.RowKey));
    }

    [Fact]
    public async Task A_status_change_committed_by_a_process_that_died_before_relaying_is_relayed_by_the_recovery_job_once()
    {
        var (tenant, key, uuid, afterStart) = await StartedSurveyAsync();
        var recovery = host.Get<EventOutboxRecovery>();

        // What SurveyStore.UpdateAsync does for a close, stopped after the transaction: marker, change + event, no relay.
        var before = (await host.Get<SurveyStore>().GetAsync(tenant, uuid, default))!;
        var closed = SurveyRules.Close(before, host.Clock.GetUtcNow()).Value;
        var row = SurveyEntity.ToEntity(closed);
        var outbox = host.Get<EventOutbox>();
        var marker = await outbox.AnnounceAsync(StorageNames.SurveysTable, row.PartitionKey, default);
        await host.Get<SurveyTables>().Surveys.SubmitAsync([new(TableTransactionActionType.UpdateReplace, row, new ETag(before.ETag!)),
            EventOutbox.Row(row.PartitionKey, SurveyTransitionEvents.For(before, closed)!)]);
        Assert.Empty((await host.Http.AllEventsAsync(key, afterStart)).Events);

        // A young marker may be a writer still relaying: left alone. Past the interval, the event is moved once.
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        Assert.Null(await host.Get<EventTables>().Events.GetOrNullAsync(EventKeys.OutboxPartition, marker.RowKey));
        var e = Assert.Single((await host.Http.AllEventsAsync(key, afterStart)).Events);
        Assert.Equal(EventTypes.SurveyClosed, e.Type());
        Assert.Equal("manual", e["data"]!["close_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_change_that_never_committed_has_no_event_and_its_marker_goes_after_an_hour()
    {
        var (tenant, key, uuid, afterStart) = await StartedSurveyAsync();
        var recovery = host.Get<EventOutboxRecovery>();

        // The writer announced, then died before its transaction (or the transaction lost a race and was refused).
        var marker = await host.Get<EventOutbox>().AnnounceAsync(StorageNames.SurveysTable, SurveyEntity.PartitionKey(tenant, uuid), default);
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        Assert.NotNull(await host.Get<EventTables>().Events.GetOrNullAsync(EventKeys.OutboxPartition, marker.RowKey));
        host.Clock.Advance(EventOutboxRecovery.AbandonedAfter);
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));
        Assert.Null(await host.Get<EventTables>().Events.GetOrNullAsync(EventKeys.OutboxPartition, marker.RowKey));
        Assert.Empty((await host.Http.AllEventsAsync(key, afterStart)).Events);
    }

    /// <summary>
    /// A new tenant's started survey and the feed's cursor after its start; markers other tests left are settled first, so
    /// the recovery counts of the test are its own.
    /// </summary>
    private async Task<(string Tenant, string Key, string Uuid, string AfterStart)> StartedSurveyAsync()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey())).Uuid();
        var (_, afterStart) = await host.Http.AllEventsAsync(key);
        host.Clock.Advance(EventOutboxRecovery.AbandonedAfter + TimeSpan.FromMinutes(1));
        await host.Get<EventOutboxRecovery>().RunAsync(CancellationToken.None);
        return (tenant, key, uuid, afterStart);
    }
}
