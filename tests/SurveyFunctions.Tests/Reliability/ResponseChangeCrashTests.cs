using System.Net;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Responses;
using Xunit.Abstractions;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The standalone host as a real process, killed (SIGKILL) again and again while survey responses keep changing their
/// answers, then restarted on the same storage: kills land before a change is saved, between its save and its count, and
/// mid-aggregation. Whatever each response ends up storing, the results come to count exactly that once recovery has run.
/// </summary>
public sealed class ResponseChangeCrashTests(ITestOutputHelper output)
{
    private static readonly int Rounds = ReliabilityScale.Pick(4, 30);
    private const int Responses = 12;

    [Fact]
    public async Task Killing_the_host_while_answers_change_leaves_results_equal_to_the_stored_answers()
    {
        await using var host = await RestartableHost.StartAsync();
        await host.RunAsync(async () =>
        {
            var (_, key, _) = await host.Http.CreateTenantAsync();
            var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, AnswerSet.SurveyBody()));
            var responses = new List<string>();
            for (var responder = 0; responder < Responses; responder++)
                responses.Add((await host.Http.CreateResponseAsync(key, survey.Uuid, 700 + responder)).Id);
            foreach (var (id, i) in responses.Select((id, i) => (id, i)))
                await host.Http.SubmitResponseAsync(id, AnswerSet.Variant(i).ToAnswers(survey), apiKey: key);

            var (accepted, refused) = (0, 0);
            for (var round = 0; round < Rounds; round++)
            {
                using var stop = new CancellationTokenSource();
                var http = host.Http;
                var changers = responses.Select((id, i) => Task.Run(async () =>
                {
                    for (var n = i + round; !stop.IsCancellationRequested; n += 5)
                    {
                        try
                        {
                            var reply = await http.SubmitResponseAsync(id, AnswerSet.Variant(n).ToAnswers(survey), apiKey: key);
                            Interlocked.Increment(ref reply.Status == HttpStatusCode.OK ? ref accepted : ref refused);
                        }
                        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                        {
                            // Cut off by the kill: saved or not, the stored answers decide what must be counted.
                        }
                    }
                })).ToArray();

                // Changes under way (a shared machine can be slow to get going), then a varied wait so kills land anywhere.
                var goal = Volatile.Read(ref accepted) + Responses;
                for (var waited = 0; Volatile.Read(ref accepted) < goal && waited < 200; waited++)
                    await Task.Delay(100);
                await Task.Delay(round % 5 * 350);
                await host.KillAndRestartAsync(async () =>
                {
                    stop.Cancel();
                    await Task.WhenAll(changers);
                });
            }
            output.WriteLine($"after {Rounds} kills: {accepted} changes accepted, {refused} refused");
            Assert.Equal(0, refused); // a request the kill did not cut off succeeds
            Assert.True(accepted >= Rounds * Responses, $"only {accepted} changes accepted: the run proves little");

            var stored = new List<AnswerSet>();
            foreach (var id in responses)
                stored.Add(AnswerSet.Shown(survey, (await host.Http.ShowResponseAsync("en-us", id, apiKey: key)).Json));
            await AnswerSet.AssertEventuallyCountedAsync(host.Http, key, survey.Uuid, stored);
        });
    }
}
