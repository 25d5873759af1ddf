using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Take;

/// <summary>
/// The Take family (seed 003) over real HTTP against the standalone host and Azurite: surveys taken page by page to the
/// end, disqualified, left half-way and resumed, gone back over, and what each leaves in the shared session model.
/// </summary>
public sealed class TakeFlowTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_three_page_survey_is_taken_to_completion()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var customer = "customer-" + Guid.NewGuid().ToString("N")[..8];

        var first = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}&language=en&country=US&region=California&city=San%20Francisco&lat=37.7749&lon=-122.4194",
            configure: r => r.Headers.UserAgent.ParseAdd("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("success", first.ResponseStatus);
        Assert.NotNull(first.Token);
        Assert.False(string.IsNullOrEmpty(first.Json["requestID"]!.GetValue<string>()));
        Assert.False(first.Response["meta"]!["isFinalPage"]!.GetValue<bool>());
        Assert.Equal(0, first.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.Null(first.Response["navigation"]!["previousPageUrl"]);
        Assert.True(first.Response["navigation"]!.AsObject().ContainsKey("previousPageUrl"));
        Assert.Equal($"/a/api/v2/surveys/{survey.Id()}/submit-page", first.Response["navigation"]!["nextPageSubmitUrl"]!.GetValue<string>());
        Assert.Empty(first.Response["themeConfig"]!["cssUrls"]!.AsArray());
        Assert.False(first.Response.ContainsKey("validationErrors"));
        Assert.False(first.Response.ContainsKey("redirectUrl"));
        Assert.Equal(2, first.Questions.Count);
        var uses = first.QuestionId("Do you use our product?");
        var yes = first.OptionId("Do you use our product?", "Yes");
        var satisfaction = first.QuestionId("How satisfied are you?");
        var json = first.Questions[0]!["json"]!;
        Assert.Equal("single_choice", json["type"]!.GetValue<string>());
        Assert.Equal("q_", json["formParam"]!["paramPrefix"]!.GetValue<string>());
        Assert.Equal("questionId", json["formParam"]!["paramIdType"]!.GetValue<string>());
        Assert.Contains($"name=\"q_{uses}\"", first.Questions[0]!["html"]!.GetValue<string>(), StringComparison.Ordinal);

        var second = await host.Http.SubmitAnswersAsync(key, survey.Id(), first.Token, (uses, new[] { yes }), (satisfaction, 4));
        Assert.Equal("success", second.ResponseStatus);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(33, second.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.Equal($"/a/api/v2/surveys/{survey.Id()}/take?page=1", second.Response["navigation"]!["previousPageUrl"]!.GetValue<string>());
        var features = second.QuestionId("Which features do you use?");
        var often = second.QuestionId("How often?");

        var third = await host.Http.SubmitAnswersAsync(key, survey.Id(), second.Token,
            (features, new[] { second.OptionId("Which features do you use?", "Reports"), second.OptionId("Which features do you use?", "Export") }),
            (often, new[] { second.OptionId("How often?", "Weekly") }));
        Assert.Equal("success", third.ResponseStatus);
        Assert.True(third.Response["meta"]!["isFinalPage"]!.GetValue<bool>());
        Assert.Equal(66, third.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        var nps = third.QuestionId("How likely are you to recommend us?");
        var comment = third.QuestionId("Anything else?");
        Assert.Equal(0, third.Questions[0]!["json"]!["scale"]!["min"]!.GetValue<int>());
        Assert.Equal(10, third.Questions[0]!["json"]!["scale"]!["max"]!.GetValue<int>());

        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), third.Token, (nps, 9), (comment, "Great — keep going! 🎉"));
        Assert.Equal("survey_complete", done.ResponseStatus);
        Assert.False(done.Response.ContainsKey("redirectUrl"));
        Assert.Equal(["status"], done.Response.Select(p => p.Key));

        // The shared model holds the finished session, its answers and the respondent's profile.
        var store = host.Get<SessionStore>();
        var tenant = await TenantOfAsync(key);
        var sessions = await store.ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default);
        var session = Assert.Single(sessions);
        Assert.True(session.IsCompleted);
        Assert.False(session.IsDisqualified);
        Assert.NotNull(session.CompletedAt);
        Assert.Equal("en", session.Language);
        Assert.Equal(customer, session.Respondent!.ExternalId);
        Assert.Equal([uses, satisfaction, features, often, nps, comment], session.Answers.Select(a => a.QuestionId));
        Assert.Equal([yes], session.Answers[0].OptionIds);
        Assert.Equal(4, session.Answers[1].Value);
        Assert.Equal("Great — keep going! 🎉", session.Answers[5].Text);
        Assert.Equal("qUses", session.Answers[0].QuestionIdentifier);
        Assert.Equal(6, session.Answers.Select(a => a.Id).Distinct().Count());

        var respondent = await store.GetRespondentAsync(tenant, customer, default);
        Assert.NotNull(respondent);
        Assert.Equal(session.Respondent.Id, respondent.Id);
        Assert.Equal(("US", "California", "San Francisco", 37.7749, -122.4194), (respondent.Country, respondent.Region, respondent.City, respondent.Lat!.Value, respondent.Lon!.Value));
        Assert.True(respondent.IsMobile);
        Assert.Equal("en", respondent.Language);

        var completions = host.Get<SessionCompletions>();
        Assert.Equal((1L, 0L), await completions.CountAsync(tenant, survey.Uuid(), default));
        Assert.Equal([customer], await completions.ListFinishedRespondentsAsync(tenant, survey.Uuid(), default));

        // Coming back: with the session's token, or as the same customer without one.
        Assert.Equal("already_completed", (await host.Http.TakeAsync(key, survey.Id(), done.Token)).ResponseStatus);
        Assert.Equal("already_completed", (await host.Http.TakeAsync(key, survey.Uuid(), query: $"?customer_id={customer}")).ResponseStatus);
    }

    private async Task<string> TenantOfAsync(string apiKey) =>
        (await host.Get<Core.Tenants.TenantStore>().FindByKeyAsync(apiKey, default))!.TenantId;
}
