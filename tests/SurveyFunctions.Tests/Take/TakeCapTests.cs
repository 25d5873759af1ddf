using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Take;

/// <summary><c>stop_criteria: responses</c> is a hard cap: under 200 respondents finishing at once, exactly that many complete.</summary>
public sealed class TakeCapTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_cap_of_50_under_200_concurrent_respondents_completes_exactly_50_and_closes_the_survey()
    {
        const int Cap = 50;
        const int Respondents = 200;
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey().WithSettings(new JsonObject { ["stop_criteria"] = "responses", ["stop_value"] = Cap }));

        // Everyone is on the last (only) page before anyone finishes; then all submit at once.
        var pages = await Task.WhenAll(Enumerable.Range(0,
            Respondents).Select(i => host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id=capped-{i}")));
        Assert.All(pages, p => Assert.Equal("success", p.ResponseStatus));
        var uses = pages[0].QuestionIds[0];
        var yes = pages[0].OptionId("Do you use our product?", "Yes");
        var rating = pages[0].QuestionIds[1];
        var finals = await Task.WhenAll(pages.Select(p => host.Http.SubmitAnswersAsync(key, survey.Id(), p.Token, (uses, new[] { yes }),
            (rating, 4))));

        Assert.All(finals, f => Assert.Equal(HttpStatusCode.OK, f.Status));
        Assert.Equal(Cap, finals.Count(f => f.ResponseStatus == "survey_complete"));
        Assert.Equal(Respondents - Cap, finals.Count(f => f.ResponseStatus == "quota_full"));

        var tenant = (await host.Get<Core.Tenants.TenantStore>().FindByKeyAsync(key, default))!.TenantId;
        var completions = host.Get<SessionCompletions>();
        Assert.Equal(((long)Cap, 0L), await completions.CountAsync(tenant, survey.Uuid(), default));
        Assert.Equal(Cap, (await completions.ListFinishedRespondentsAsync(tenant, survey.Uuid(), default)).Count);
        var sessions = host.Get<Core.Sessions.SessionStore>();
        var finished = 0;
        for (var i = 0; i < Respondents; i++)
            finished += (await sessions.ListRespondentSessionsAsync(tenant, $"capped-{i}", survey.Uuid(), default)).Count(s => s.IsCompleted);
        Assert.Equal(Cap, finished);

        var stored = await host.Get<SurveyStore>().GetAsync(tenant, survey.Uuid(), default);
        Assert.Equal((SurveyStatus.Closed, SurveyCloseReasons.Quota), (stored!.Status, stored.ClosedReason));
        Assert.Equal("quota_full", (await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=latecomer")).ResponseStatus);
        // Replaying a winner's final submission still answers what it answered.
        var winner = Array.FindIndex(finals, f => f.ResponseStatus == "survey_complete");
        Assert.Equal("survey_complete", (await host.Http.SubmitAnswersAsync(key, survey.Id(), pages[winner].Token, (uses, new[] { yes }),
            (rating, 4))).ResponseStatus);
        Assert.Equal(((long)Cap, 0L), await completions.CountAsync(tenant, survey.Uuid(), default));
    }
}
