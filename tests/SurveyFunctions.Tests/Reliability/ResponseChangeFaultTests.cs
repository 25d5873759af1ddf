using System.Net;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Responses;
using SurveyFunctions.Tests.SurveyResults;
using Xunit.Abstractions;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Survey responses changing their answers while storage fails under them (busy answers, responses lost after storage
/// applied a write, timeouts; see <see cref="StorageFaultTests"/>): a request may fail, but whatever each response ends up
/// storing, the results come to count exactly that, with the aggregator and the recovery job finishing what failed
/// requests left.
/// </summary>
public sealed class ResponseChangeFaultTests(FaultInjectingSurveyHost host, ITestOutputHelper output) : IClassFixture<FaultInjectingSurveyHost>
{
    [Fact]
    public async Task Answers_changed_through_a_storm_of_storage_faults_end_up_counted_exactly_as_stored()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, AnswerSet.SurveyBody()));
        var responses = new List<string>();
        for (var responder = 0; responder < 12; responder++)
            responses.Add((await host.Http.CreateResponseAsync(key, survey.Uuid, 500 + responder)).Id);
        await Task.WhenAll(responses.Select((id, i) => SubmitAsync(key, survey, id, AnswerSet.Variant(i))));

        var statuses = new List<HttpStatusCode>();
        (host.Faults.BusyRate, host.Faults.LostResponseRate, host.Faults.TimeoutRate) = (0.15, 0.10, 0.10);
        try
        {
            // Rounds of two different resubmissions per response at once, so changes race each other and the faults.
            for (var round = 1; round <= ReliabilityScale.Pick(6, 40); round++)
            {
                var sent = responses.SelectMany((id, i) => new[] { i + round,
                    i + (round * 7) }.Select(v => SubmitAsync(key, survey, id, AnswerSet.Variant(v))));
                statuses.AddRange(await Task.WhenAll(sent));
            }
        }
        finally
        {
            host.Faults.Off();
        }
        output.WriteLine($"{string.Join(", ", statuses.CountBy(s => s).Select(c => $"{(int)c.Key}: {c.Value}"))}; storage requests: busy {host.Faults.Busy}, lost {host.Faults.LostResponses}, timeouts {host.Faults.Timeouts}, passed {host.Faults.Passed}");
        Assert.True(host.Faults.LostResponses >= 10 && host.Faults.Timeouts >= 10,
            $"faults injected: lost {host.Faults.LostResponses}, timeouts {host.Faults.Timeouts}");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable }));
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) >= statuses.Count / 2, "most submissions go through");

        var stored = new List<AnswerSet>();
        foreach (var id in responses)
        {
            var response = await host.Get<ResponseStore>().GetAsync(tenant, id, default);
            stored.Add(AnswerSet.Stored(survey, (await host.Get<SessionStore>().GetAsync(response!.Session, default))!));
        }
        // Recovery counts what a failed request saved but did not count (its marker outlives RecoveryIntervalSeconds).
        await AnswerSet.AssertEventuallyCountedAsync(host.Http, key, survey.Uuid, stored);
        await SurveyJobs.DrainAsync(host);
        Assert.Equal(AnswerSet.Expected(stored), AnswerSet.Summary(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid)));
    }

    private async Task<HttpStatusCode> SubmitAsync(string key, SurveyIds survey, string response, AnswerSet answers) =>
        (await host.Http.SubmitResponseAsync(response, answers.ToAnswers(survey), apiKey: key)).Status;
}
