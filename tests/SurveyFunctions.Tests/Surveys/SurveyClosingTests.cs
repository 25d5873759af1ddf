using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Surveys;

/// <summary><c>stop_criteria: date</c> closes a survey through the one closing job (the polls' schedule), driven by a test clock.</summary>
public sealed class SurveyClosingTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task The_closing_job_closes_a_survey_at_its_stop_date_and_only_then()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var uuid = await CreateActiveAsync(key, now.AddMinutes(10));
        var forever = await CreateActiveAsync(key, stopAt: null);

        Assert.Equal(0, await RunCloserAsync());
        Assert.Equal("active", await StatusAsync(uuid, key));

        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("active", await StatusAsync(uuid, key)); // recorded only by the job (submissions are refused at once)
        Assert.Equal(1, await RunCloserAsync());
        Assert.Equal("closed", await StatusAsync(uuid, key));
        Assert.Equal("active", await StatusAsync(forever, key));
        Assert.Equal(0, await RunCloserAsync());
    }

    [Fact]
    public async Task A_stop_date_moved_later_is_not_closed_at_the_old_date()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var now = host.Clock.GetUtcNow();
        var uuid = await CreateActiveAsync(key, now.AddMinutes(5));
        var settings = new JsonObject { ["stop_criteria"] = "date", ["stop_value"] = now.AddDays(2).ToString("O") };
        var moved = await host.Http.PatchReplyAsync($"/api/surveys/{uuid}", new JsonObject { ["settings"] = settings }, key);
        Assert.Equal(HttpStatusCode.OK, moved.Status);

        host.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(0, await RunCloserAsync());
        Assert.Equal("active", await StatusAsync(uuid, key));

        host.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await RunCloserAsync());
        Assert.Equal("closed", await StatusAsync(uuid, key));
    }

    [Fact]
    public async Task A_survey_closed_by_hand_is_not_closed_again()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuid = await CreateActiveAsync(key, host.Clock.GetUtcNow().AddMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{uuid}/close", null, key)).Status);
        var before = (await host.Http.GetReplyAsync($"/api/surveys/{uuid}", key)).Json["updated_at"]!.GetValue<string>();

        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await RunCloserAsync());
        Assert.Equal(before, (await host.Http.GetReplyAsync($"/api/surveys/{uuid}", key)).Json["updated_at"]!.GetValue<string>());
    }

    private Task<int> RunCloserAsync() => host.Get<PollCloser>().RunAsync(CancellationToken.None);

    private async Task<string> CreateActiveAsync(string key, DateTimeOffset? stopAt)
    {
        var body = SurveyApi.SmallSurvey();
        if (stopAt is { } at)
            body["settings"] = new JsonObject { ["stop_criteria"] = "date", ["stop_value"] = at.ToString("O") };
        var uuid = (await host.Http.CreateSurveyAsync(key, body)).Uuid();
        var started = await host.Http.PostReplyAsync($"/api/surveys/{uuid}/start", null, key);
        Assert.True(started.Status == HttpStatusCode.OK, started.Body?.ToJsonString());
        return uuid;
    }

    private async Task<string> StatusAsync(string uuid, string key) =>
        (await host.Http.GetReplyAsync($"/api/surveys/{uuid}", key)).Json["status"]!.GetValue<string>();
}
