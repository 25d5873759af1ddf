using System.Net;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// Survey responses in the survey's results: a response counts once as a completed session, each question it answers
/// counts once, and questions answered in a later submission (a rating link's rating first, the rest afterwards) are
/// added; a rating sent again, as a reloaded rating link does, counts nothing twice.
/// </summary>
public sealed class ResponseResultsTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_rating_then_the_rest_counts_the_response_once_with_every_answer()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 11);
        var (other, otherToken, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 12);

        var rating = Answers(Rating(survey.Questions["csatRating"], 2));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, rating, accessToken: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, rating, accessToken: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["csatRating"], 2),
            Choice(survey.Questions["reason"], survey.Options["Friendly agent"]), Text(survey.Questions["comment"], "Thanks")),
                accessToken: token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(other, Answers(Rating(survey.Questions["csatRating"], 5)),
            accessToken: otherToken)).Status);

        var results = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid);
        Assert.Equal(2, results["completed_sessions"]!.GetValue<long>());
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!);
        Assert.Equal(2, questions["csatRating"]["answers"]!.GetValue<long>());
        Assert.Equal([0L, 1L, 0L, 0L, 1L], questions["csatRating"]["values"]!.AsArray().Select(v => v!["count"]!.GetValue<long>()));
        Assert.Equal(1, questions["reason"]["answers"]!.GetValue<long>());
        Assert.Equal([0L, 1L], questions["reason"]["options"]!.AsArray().Select(o => o!["count"]!.GetValue<long>()));
        Assert.Equal(1, questions["comment"]["answers"]!.GetValue<long>());
        Assert.Equal(0, questions["additional"]["answers"]!.GetValue<long>());
    }
}
