using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Http;

/// <summary>
/// Every family refuses a body field it does not know with its own validation error naming the field (a misspelt field
/// must not pass as one left out): here the tenant, vote, survey-taking and panelist open bodies, which used to ignore them.
/// </summary>
public sealed class UnknownFieldTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_tenant_body_with_an_unknown_field_is_refused_naming_it_and_no_tenant_is_made()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/tenants") { Content = JsonContent.Create(new { name = "Acme", plna = "standard" }) };
        Api.AsAdmin(request);
        using var reply = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        var error = (await reply.Content.ReadFromJsonAsync<PollsErrorEnvelope.PollsError>(ApiJson.Options))!.Error;
        Assert.Equal(("validation_error", "plna"), (error.Code, error.Field));
        Assert.Contains("Accepted fields: name, plan", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vote_with_an_unknown_field_is_refused_naming_it_while_client_metadata_stays_free_form()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(key);
        var token = await host.Http.EmbedTokenAsync(poll);

        using var misspelt = await host.Http.PostAsJsonAsync($"/api/polls/{poll}/vote", new { optionIds = new[] { "opt_1" }, option_ids = new[] { "opt_1" }, _token = token, fingerprint = "v-1" });
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        var error = (await misspelt.Content.ReadFromJsonAsync<PollsErrorEnvelope.PollsError>(ApiJson.Options))!.Error;
        Assert.Equal(("validation_error", "optionIds"), (error.Code, error.Field));

        // Nothing was counted: the same voter's vote goes through afterwards, with whatever the SDK puts in clientMetadata.
        using var vote = await host.Http.PostAsJsonAsync($"/api/polls/{poll}/vote",
            new { option_ids = new[] { "opt_1" }, _token = token, fingerprint = "v-1", clientMetadata = new { screenWidth = 1920, language = "en-US", anything = new { nested = true } } });
        Assert.Equal(HttpStatusCode.OK, vote.StatusCode);
        Assert.True((await vote.Content.ReadFromJsonAsync<VoteEndpoints.VoteAccepted>(ApiJson.Options))!.Success);
    }

    [Fact]
    public async Task A_take_submission_with_an_unknown_field_is_refused_naming_its_path()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var page = await host.Http.TakeAsync(key, survey.Id());

        var top = await host.Http.SubmitAsync(key, survey.Id(), page.Token, new { answers = Array.Empty<object>(), lang = "es" });
        AssertRefused(top, "'lang'");
        var inAnswer = await host.Http.SubmitAsync(key, survey.Id(), page.Token, new { answers = new[] { new { questionID = page.QuestionIds[0], answerIds = new[] { 1 } } } });
        AssertRefused(inAnswer, "'answers[0].answerIds'");

        // The page is still where it was: the refused submissions changed nothing.
        var again = await host.Http.TakeAsync(key, survey.Id(), page.Token);
        Assert.Equal(page.QuestionIds, again.QuestionIds);
    }

    [Fact]
    public async Task A_panelist_open_body_with_an_unknown_field_is_refused_naming_it_and_no_session_starts()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var panelistKey = await host.Http.PublicKeyAsync(key, survey.Uuid(), "unknown-field-panelist");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/app/panelist/api/session") { Content = JsonContent.Create(new { lang = "es" }) };
        request.Headers.Add("X-Panelist-Key", panelistKey);
        using var reply = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, reply.StatusCode);
        var error = (await reply.Content.ReadFromJsonAsync<PanelistsErrorEnvelope.PanelistsError>(ApiJson.Options))!;
        Assert.Contains("Unknown field 'lang'", error.Message, StringComparison.Ordinal);

        // Nothing was started: the panelist still has no session.
        var access = await host.Http.GetPanelistAsync(key, survey.Uuid(), "unknown-field-panelist");
        Assert.Equal(0, access.Json["panelist"]!["sessionCount"]!.GetValue<int>());
    }

    private static void AssertRefused(TakeApi.TakeReply reply, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var error = reply.Json.Deserialize<TakeErrorEnvelope.TakeErrorResponse>(ApiJson.Options)!.Response.Error;
        Assert.Equal(("BAD_REQUEST", 400), (error.Name, error.HttpStatusCode));
        Assert.Contains("Unknown field " + field, error.Message, StringComparison.Ordinal);
    }
}
