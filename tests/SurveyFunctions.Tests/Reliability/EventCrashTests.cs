using System.Net;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;
using Xunit.Abstractions;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The host SIGKILLed again and again while respondents finish a survey and another survey is started and paused: once
/// recovery has run, every completion counted in the results has exactly one <c>response.completed</c>, every status
/// change that committed has exactly one event (so the survey's events alternate and end at its stored status), and the
/// feed lists each event once, walked in small pages or large.
/// </summary>
public sealed class EventCrashTests(ITestOutputHelper output)
{
    private static readonly int Rounds = ReliabilityScale.Pick(3, 20);
    private const int Takers = 6;

    [Fact]
    public async Task Killing_the_host_mid_change_leaves_exactly_one_event_per_committed_change()
    {
        await using var host = await RestartableHost.StartAsync();
        await host.RunAsync(async () =>
        {
            var (_, key, _) = await host.Http.CreateTenantAsync();
            var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
            var toggled = (await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Toggled"))).Uuid();
            var (finished, transitions) = (0, 0);
            for (var round = 0; round < Rounds; round++)
            {
                using var stop = new CancellationTokenSource();
                var http = host.Http;
                var takers = Enumerable.Range(0, Takers).Select(t => Task.Run(async () =>
                {
                    for (var n = t + round * Takers; !stop.IsCancellationRequested; n += Takers * Rounds)
                    {
                        await Survive(async () =>
                        {
                            await ThreePageAnswers.Varied(n).TakeAsync(http, key, survey.Id());
                            Interlocked.Increment(ref finished);
                        });
                    }
                })).ToArray();
                var toggler = Task.Run(async () =>
                {
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        await Survive(async () =>
                        {
                            var reply = await http.PostReplyAsync($"/api/surveys/{toggled}/{(n % 2 == 0 ? "pause" : "start")}", null, key);
                            if (reply.Status == HttpStatusCode.OK)
                                Interlocked.Increment(ref transitions);
                        });
                    }
                });
                var goal = Volatile.Read(ref finished) + Takers;
                for (var waited = 0; Volatile.Read(ref finished) < goal && waited < 200; waited++)
                    await Task.Delay(100);
                await Task.Delay(round % 4 * 300);
                await host.KillAndRestartAsync(async () =>
                {
                    stop.Cancel();
                    await Task.WhenAll([.. takers, toggler]);
                });
            }

            // Recovery (every 2 s in this host) finishes what the kills cut off: wait until every counted completion is reported.
            var results = await host.Http.WaitForSurveyAggregationAsync(survey.Uuid(), key, TimeSpan.FromSeconds(60));
            var completed = results["completed_sessions"]!.GetValue<long>();
            List<Infrastructure.EventView> events = [];
            for (var waited = 0; waited < 300; waited++)
            {
                results = await host.Http.WaitForSurveyAggregationAsync(survey.Uuid(), key, TimeSpan.FromSeconds(60));
                completed = results["completed_sessions"]!.GetValue<long>();
                events = [.. (await host.Http.AllEventsAsync(key)).Events.Select(Infrastructure.EventView.Of)];
                if (events.Count(e => e.Type == EventTypes.ResponseCompleted) == completed)
                    break;
                await Task.Delay(200);
            }
            var small = (await host.Http.AllEventsAsync(key, limit: 7)).Events.Select(Infrastructure.EventView.Of).ToList();
            var responses = events.Where(e => e.Type == EventTypes.ResponseCompleted).ToList();
            var statuses = events.Where(e => e.Resource == toggled).Select(e => e.Type).ToList();
            var stored = (await host.Http.GetReplyAsync($"/api/surveys/{toggled}", key)).Json["status"]!.GetValue<string>();
            output.WriteLine($"after {Rounds} kills: {finished} completions answered, {completed} counted, {responses.Count} response.completed; " +
                $"{transitions} status changes answered, {statuses.Count - 1} survey.paused/started after the first; {events.Count} events in all, " +
                $"{events.Count - events.Select(e => e.Id).Distinct().Count()} duplicate ids");

            Assert.True(finished >= Rounds * Takers, $"only {finished} completions answered: the run proves little");
            Assert.Equal(completed, responses.Count);
            Assert.Equal(responses.Count, responses.Select(e => e.Session).Distinct().Count());
            Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
            Assert.Equal(events.Select(e => e.Id), small.Select(e => e.Id));
            // The toggled survey: started, then one event per committed change, so they alternate and end where it stands.
            Assert.Equal(EventTypes.SurveyStarted, statuses[0]);
            Assert.All(statuses.Zip(statuses.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
            Assert.Equal(stored == "active" ? EventTypes.SurveyStarted : EventTypes.SurveyPaused, statuses[^1]);
            Assert.InRange(statuses.Count - 1, transitions, int.MaxValue);
        });
    }

    /// <summary>A request the kill cut off: saved or not, what is stored decides which events must exist.</summary>
    private static async Task Survive(Func<Task> request)
    {
        try
        {
            await request();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }
    }
}
