using System.Net;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Reliability;
using SurveyFunctions.Tests.SurveyResults;
using Xunit.Abstractions;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// Responses completed and surveys paused, started and closed while the receiver answers 500, one endpoint answers 410,
/// and the host (a separate process) is SIGKILLed mid-delivery and restarted, twice. Afterwards every event of the feed
/// reached every matching enabled endpoint at least once, duplicates carry the same <c>webhook-id</c>, every delivery's
/// signature verifies with the reference library, and the gone endpoint was disabled. Real time (the host is another
/// process): retries start at 1 s here, so the run takes about a minute.
/// </summary>
public sealed class WebhookChaosTests(ITestOutputHelper output)
{
    private static readonly int Rounds = ReliabilityScale.Pick(2, 6);
    private const int ResponsesPerRound = 4;

    [Fact]
    public async Task Every_event_reaches_every_matching_endpoint_through_failures_and_kills()
    {
        await using var receiver = await WebhookReceiver.StartAsync(TimeProvider.System);
        var failing = 1;
        receiver.Answer("all", _ => Volatile.Read(ref failing) == 1 ? 500 : 200);
        receiver.Answer("responses", _ => Volatile.Read(ref failing) == 1 ? 500 : 200);
        receiver.Answer("gone", _ => 410);
        await using var host = await RestartableHost.StartAsync("--SurveyFunctions:WebhookAllowedHttpHosts=127.0.0.1",
            "--SurveyFunctions:WebhookFirstRetrySeconds=1", "--SurveyFunctions:WebhookMaxDelaySeconds=1",
            "--SurveyFunctions:WebhookSweepIntervalSeconds=2");
        await host.RunAsync(async () =>
        {
            var (_, key, _) = await host.Http.CreateTenantAsync();
            var (_, allSecret) = await host.Http.CreateWebhookAsync(key, receiver.Url("all"));
            var (_, responsesSecret) = await host.Http.CreateWebhookAsync(key, receiver.Url("responses"), EventTypes.ResponseCompleted);
            var (gone, _) = await host.Http.CreateWebhookAsync(key, receiver.Url("gone"));
            var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
            for (var round = 0; round < Rounds; round++)
            {
                await Survive(async () =>
                {
                    for (var n = 0; n < ResponsesPerRound; n++)
                        await ThreePageAnswers.Varied(round * ResponsesPerRound + n).TakeAsync(host.Http, key, survey.Id());
                    await host.Http.PauseAndStartAsync(key, survey.Uuid());
                    var closing = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: $"Closed {round}"));
                    Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{closing.Uuid()}/close", null, key)).Status);
                });
                // The receiver recovers in the last round, so the kill then lands while retries and new deliveries are in flight.
                if (round == Rounds - 1)
                    Volatile.Write(ref failing, 0);
                await Task.Delay(500);
                await host.KillAndRestartAsync(() => Task.CompletedTask);
            }

            var (events, _) = await host.Http.AllEventsAsync(key);
            var responses = events.Where(e => e.Type() == EventTypes.ResponseCompleted).Select(e => e.EventId()).ToHashSet();
            var all = events.Select(e => e.EventId()).ToHashSet();
            bool Delivered(IReadOnlyList<ReceivedDelivery> r, string path, HashSet<string> ids) =>
                ids.IsSubsetOf(r.Where(d => d.Path == "/" + path && d.Answered == 200).Select(d => d.Id));
            await receiver.WaitForAsync(r => Delivered(r, "all", all) && Delivered(r, "responses", responses), TimeSpan.FromSeconds(150));

            var toAll = receiver.At("all");
            var toResponses = receiver.At("responses");
            var delivered = toAll.Where(d => d.Answered == 200).ToArray();
            var duplicates = delivered.Length - delivered.Select(d => d.Id).Distinct().Count();
            var lost = all.Count(id => delivered.All(d => d.Id != id)) + responses.Count(id => toResponses.All(d => d.Id != id || d.Answered != 200));
            output.WriteLine($"{Rounds} kills: {events.Count} events produced ({responses.Count} response.completed); to the all-events endpoint " +
                $"{toAll.Count} attempts, {delivered.Length} delivered, {duplicates} duplicates by webhook-id; to the responses endpoint " +
                $"{toResponses.Count} attempts; to the gone endpoint {receiver.At("gone").Count} attempts; lost: {lost}");

            Assert.Equal(0, lost);
            Assert.True(events.Count >= Rounds * (ResponsesPerRound + 3), $"only {events.Count} events: the run proves little");
            Assert.Equal(events.Count, all.Count);
            Assert.All(toResponses, d => Assert.Contains(d.Id, responses));
            Assert.All(toAll, d => Assert.Contains(d.Id, all));
            await StandardWebhooksCheck.AssertAllValidAsync(toAll, allSecret);
            await StandardWebhooksCheck.AssertAllValidAsync(toResponses, responsesSecret);
            var goneEndpoint = await host.Http.WebhookAsync(key, gone);
            Assert.False(goneEndpoint["enabled"]!.GetValue<bool>());
            Assert.Contains("410", goneEndpoint["disabled_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    /// <summary>A request the kill cut off: what committed decides which events exist, and those are what must arrive.</summary>
    private static async Task Survive(Func<Task> requests)
    {
        try
        {
            await requests();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
        }
    }
}
