using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Surveys.SurveyManagementTests;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>start / pause / close over HTTP: allowed transitions answer the survey, the others <c>409 invalid_state</c>.</summary>
public sealed class SurveyLifecycleTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Start_pause_close_and_reopen()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateSurveyAsync(key)).Uuid();

        await ExpectInvalidStateAsync(uuid, "pause", key);
        await ExpectStatusAsync(uuid, "start", "active", key);
        await ExpectInvalidStateAsync(uuid, "start", key);
        await ExpectStatusAsync(uuid, "pause", "paused", key);
        await ExpectInvalidStateAsync(uuid, "pause", key);
        await ExpectStatusAsync(uuid, "start", "active", key);
        await ExpectStatusAsync(uuid, "close", "closed", key);
        await ExpectInvalidStateAsync(uuid, "close", key);
        await ExpectInvalidStateAsync(uuid, "pause", key);
        // start on a closed survey reopens it.
        await ExpectStatusAsync(uuid, "start", "active", key);
        Assert.Equal("active", (await host.Http.GetReplyAsync($"/api/surveys/{uuid}", key)).Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_draft_can_be_closed_and_a_paused_survey_too()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var draft = (await host.Http.CreateSurveyAsync(key)).Uuid();
        await ExpectStatusAsync(draft, "close", "closed", key);
        var paused = (await host.Http.CreateSurveyAsync(key)).Uuid();
        await ExpectStatusAsync(paused, "start", "active", key);
        await ExpectStatusAsync(paused, "pause", "paused", key);
        await ExpectStatusAsync(paused, "close", "closed", key);
    }

    [Fact]
    public async Task A_survey_without_questions_or_past_its_stop_date_cannot_start()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var empty = (await host.Http.CreateSurveyAsync(key, new JsonObject { ["name"] = "Empty" })).Uuid();
        var reply = await ExpectInvalidStateAsync(empty, "start", key);
        Assert.Contains("no questions", reply.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var body = SurveyApi.SmallSurvey();
        body["settings"] = new JsonObject { ["stop_criteria"] = "date",
            ["stop_value"] = host.Clock.GetUtcNow().AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ssZ",
                System.Globalization.CultureInfo.InvariantCulture) };
        var dated = (await host.Http.CreateSurveyAsync(key, body)).Uuid();
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        reply = await ExpectInvalidStateAsync(dated, "start", key);
        Assert.Contains("stop date", reply.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // Moving the stop date forward makes it startable again.
        var later = host.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PatchReplyAsync($"/api/surveys/{dated}",
            JsonNode.Parse($"{{\"settings\":{{\"stop_value\":\"{later}\"}}}}")!, key)).Status);
        await ExpectStatusAsync(dated, "start", "active", key);
    }

    [Fact]
    public async Task Transitions_of_an_unknown_survey_are_not_found()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        foreach (var action in new[] { "start", "pause", "close" })
        {
            var reply = await host.Http.PostReplyAsync($"/api/surveys/{Guid.NewGuid()}/{action}", null, key);
            Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (reply.Status, reply.ErrorCode));
        }
    }

    private async Task ExpectStatusAsync(string uuid, string action, string status, string key)
    {
        var reply = await host.Http.PostReplyAsync($"/api/surveys/{uuid}/{action}", null, key);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{action}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        AssertSurveyShape(reply.Json);
        Assert.Equal(status, reply.Json["status"]!.GetValue<string>());
    }

    private async Task<Api.Reply> ExpectInvalidStateAsync(string uuid, string action, string key)
    {
        var reply = await host.Http.PostReplyAsync($"/api/surveys/{uuid}/{action}", null, key);
        Assert.True(reply.Status == HttpStatusCode.Conflict, $"{action}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        Assert.Equal("invalid_state", reply.ErrorCode);
        return reply;
    }
}
