using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// Deliveries to a real receiver on a loopback port, over real HTTP from the running host: every event a tenant's change
/// records reaches each of its endpoints that wants it, signed per Standard Webhooks (checked by the reference npm
/// library, not by our code), with <c>webhook-id</c> = the event id and the body = the event as the feed shows it.
/// </summary>
public sealed class WebhookDeliveryTests(WebhookSurveyHost host) : IClassFixture<WebhookSurveyHost>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(host.Clock);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Each_event_reaches_each_endpoint_that_wants_it_signed_as_the_reference_library_verifies()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (_, secret) = await host.Http.CreateWebhookAsync(key, _receiver.Url("all"));
        var (_, pausedSecret) = await host.Http.CreateWebhookAsync(key, _receiver.Url("paused"), EventTypes.SurveyPaused);
        var (_, strangerKey, _) = await host.Http.CreateTenantAsync();
        await host.Http.CreateWebhookAsync(strangerKey, _receiver.Url("stranger"));

        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        await ThreePageAnswers.Varied(2).TakeAsync(host.Http, key, survey.Id(), "alice");
        await host.Http.PauseAndStartAsync(key, survey.Uuid());

        var (events, _) = await host.Http.AllEventsAsync(key);
        Assert.Equal([EventTypes.SurveyStarted, EventTypes.ResponseCompleted, EventTypes.SurveyPaused, EventTypes.SurveyStarted],
            events.Select(e => e.Type()));
        await _receiver.WaitForAsync(r => r.Where(d => d.Path == "/all").Select(d => d.Id).Distinct().Count() == events.Count
            && r.Any(d => d.Path == "/paused"));
        await Task.Delay(1000); // a moment for anything that should not come

        var all = _receiver.At("all");
        Assert.Equal(events.Select(e => e.EventId()).Order(), all.Select(d => d.Id).Distinct().Order());
        foreach (var delivery in all)
        {
            var sent = events.Single(e => e.EventId() == delivery.Id);
            Assert.True(JsonNode.DeepEquals(sent, JsonNode.Parse(delivery.Body)), $"{delivery.Body} is not the feed's {sent.ToJsonString()}");
        }
        Assert.Equal([events[2].EventId()], _receiver.At("paused").Select(d => d.Id).Distinct());
        Assert.Empty(_receiver.At("stranger"));
        await StandardWebhooksCheck.AssertAllValidAsync(all, secret);
        await StandardWebhooksCheck.AssertAllValidAsync(_receiver.At("paused"), pausedSecret);
        // Another endpoint's secret does not verify them: the check is real.
        Assert.All(await StandardWebhooksCheck.VerifyAsync(all, pausedSecret), r => Assert.Equal("No matching signature found", r[0]));
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_with_the_same_webhook_id_until_it_answers()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        _receiver.Answer("flaky", n => n < 3 ? 500 : 200);
        var (id, secret) = await host.Http.CreateWebhookAsync(key, _receiver.Url("flaky"));
        await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());

        // Retries wait 5 s, 20 s, 80 s (jittered): the clock moves on a minute at a time instead of the test waiting.
        var received = await _receiver.WaitForAsync(r => r.Any(d => d.Path == "/flaky" && d.Answered == 200),
            meanwhile: () => host.Clock.Advance(TimeSpan.FromMinutes(1)));
        var flaky = received.Where(d => d.Path == "/flaky").ToArray();
        Assert.Equal([500, 500, 500, 200], flaky.Select(d => d.Answered));
        Assert.Single(flaky.Select(d => d.Id).Distinct());
        await StandardWebhooksCheck.AssertAllValidAsync(flaky, secret);

        var log = await host.Http.WaitForLogAsync(key, id, l => l.Count == 4);
        Assert.Equal([200, 500, 500, 500], log.Select(a => a["status_code"]!.GetValue<int>()));
        Assert.Equal([4, 3, 2, 1], log.Select(a => a["attempt"]!.GetValue<int>()));
        Assert.Null(log[0]["next_retry_at"]);
        Assert.All(log.Skip(1), a => Assert.NotNull(a["next_retry_at"]));
        Assert.Single(log.Select(a => a["delivery_id"]!.GetValue<string>()).Distinct());
        Assert.All(log, a => Assert.Equal(flaky[0].Id, a["event_id"]!.GetValue<string>()));
        Assert.Equal("ok", log[0]["response"]!.GetValue<string>());
        Assert.True((await host.Http.WebhookAsync(key, id))["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_endpoint_answering_410_is_disabled_at_once_with_the_reason()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        _receiver.Answer("gone", _ => 410);
        var (gone, _) = await host.Http.CreateWebhookAsync(key, _receiver.Url("gone"));
        var (healthy, _) = await host.Http.CreateWebhookAsync(key, _receiver.Url("healthy-410"));
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        await _receiver.WaitForAsync(r => r.Any(d => d.Path == "/gone"));
        var endpoint = await WaitAsync(async () => await host.Http.WebhookAsync(key, gone), e => !e["enabled"]!.GetValue<bool>());
        Assert.Contains("410", endpoint["disabled_reason"]!.GetValue<string>(), StringComparison.Ordinal);

        await host.Http.PauseAndStartAsync(key, survey.Uuid());
        await _receiver.WaitForAsync(r => r.Count(d => d.Path == "/healthy-410") == 3,
            meanwhile: () => host.Clock.Advance(TimeSpan.FromMinutes(1)));
        Assert.Single(_receiver.At("gone"));
        Assert.Single(await host.Http.DeliveryLogAsync(key, gone));
        Assert.Equal(3, (await host.Http.DeliveryLogAsync(key, healthy)).Count);
    }

    [Fact]
    public async Task An_endpoint_that_times_out_does_not_delay_a_healthy_one()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        _receiver.Answer("slow", async _ =>
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
            return 200;
        });
        var (slow, _) = await host.Http.CreateWebhookAsync(key, _receiver.Url("slow"));
        await host.Http.CreateWebhookAsync(key, _receiver.Url("fast"));
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        await host.Http.PauseAndStartAsync(key, survey.Uuid());
        var started = DateTime.UtcNow;

        // All three reach the healthy endpoint while the slow one's first attempt is still hanging (it gives up at 10 s).
        await _receiver.WaitForAsync(r => r.Count(d => d.Path == "/fast") == 3, TimeSpan.FromSeconds(6));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(6));
        var log = await host.Http.WaitForLogAsync(key, slow, l => l.Count > 0, seconds: 30);
        Assert.StartsWith("Timed out after 10 s", log[^1]["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(log[^1]["status_code"]);
        Assert.NotNull(log[^1]["next_retry_at"]);
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_new_one_during_its_grace_period_and_not_after()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (id, oldSecret) = await host.Http.CreateWebhookAsync(key, _receiver.Url("rotated"));
        var rotated = await host.Http.PostReplyAsync($"/api/webhooks/{id}/rotate-secret", null, key);
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = rotated.Json["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        Assert.NotNull(rotated.Json["previous_secret_expires_at"]);

        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var during = (await _receiver.WaitForAsync(r => r.Any(d => d.Path == "/rotated"))).Single(d => d.Path == "/rotated");
        Assert.Equal(2, during.Signature.Split(' ').Length);
        await StandardWebhooksCheck.AssertAllValidAsync([during], oldSecret, newSecret);

        host.Clock.Advance(TimeSpan.FromHours(25));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/pause", null, key)).Status);
        var after = (await _receiver.WaitForAsync(r => r.Count(d => d.Path == "/rotated") == 2)).Where(d => d.Path == "/rotated").Last();
        Assert.Single(after.Signature.Split(' '));
        Assert.Equal([["ok", "No matching signature found"]], await StandardWebhooksCheck.VerifyAsync([after], newSecret, oldSecret));
        Assert.Null((await host.Http.WebhookAsync(key, id))["previous_secret_expires_at"]);
    }

    private static async Task<JsonNode> WaitAsync(Func<Task<JsonNode>> read, Func<JsonNode, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var value = await read();
            if (done(value) || i == 100)
                return value;
            await Task.Delay(200);
        }
    }
}
