using System.Net;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// The delivery log (every attempt, newest first, paged), redelivery of one delivery and replay of a time range, against
/// a real receiver; and an endpoint that fails every attempt for days on end is disabled, saying why.
/// </summary>
public sealed class WebhookLogTests(WebhookSurveyHost host) : IClassFixture<WebhookSurveyHost>, IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync(host.Clock);

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task The_log_pages_newest_first_and_redelivery_and_replay_send_the_same_webhook_ids_again()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var (id, secret) = await host.Http.CreateWebhookAsync(key, _receiver.Url("log"));
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var middle = host.Clock.GetUtcNow();
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        await host.Http.PauseAndStartAsync(key, survey.Uuid());
        var (events, _) = await host.Http.AllEventsAsync(key);
        Assert.Equal(3, events.Count);

        var log = await host.Http.WaitForLogAsync(key, id, l => l.Count == 3);
        Assert.Equal(log.Select(a => a["attempted_at"]!.GetValue<DateTimeOffset>()).OrderDescending(),
            log.Select(a => a["attempted_at"]!.GetValue<DateTimeOffset>()));
        Assert.Equal(events.Select(e => e.EventId()).Order(), log.Select(a => a["event_id"]!.GetValue<string>()).Order());
        Assert.All(log, a =>
        {
            Assert.Equal(200, a["status_code"]!.GetValue<int>());
            Assert.InRange(a["latency_ms"]!.GetValue<long>(), 0, 10_000);
        });
        var paged = await host.Http.DeliveryLogAsync(key, id, limit: 1);
        Assert.Equal(log.Select(a => a.ToJsonString()), paged.Select(a => a.ToJsonString()));

        var first = log.Single(a => a["event_id"]!.GetValue<string>() == events[0].EventId());
        var redelivered = await host.Http.PostReplyAsync($"/api/webhooks/{id}/deliveries/{first["delivery_id"]}/redeliver", null, key);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.Status);
        await _receiver.WaitForAsync(r => r.Count(d => d.Path == "/log") == 4);
        Assert.Equal(2, _receiver.At("log").Count(d => d.Id == events[0].EventId()));

        // The range after "middle" holds the pause and the start; replaying only survey.paused sends just the pause again.
        var replayed = await host.Http.PostReplyAsync($"/api/webhooks/{id}/replay", new { since = middle, types = new[] { EventTypes.SurveyPaused } },
            key);
        Assert.Equal(HttpStatusCode.Accepted, replayed.Status);
        Assert.Equal(1, replayed.Json["queued"]!.GetValue<int>());
        var all = await host.Http.PostReplyAsync($"/api/webhooks/{id}/replay", new { since = middle, until = host.Clock.GetUtcNow().AddMinutes(1) },
            key);
        Assert.Equal(2, all.Json["queued"]!.GetValue<int>());
        var received = await _receiver.WaitForAsync(r => r.Count(d => d.Path == "/log") == 7);
        var counts = received.Where(d => d.Path == "/log").GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { [events[0].EventId()] = 2, [events[1].EventId()] = 3, [events[2].EventId()] = 2 }, counts);
        await StandardWebhooksCheck.AssertAllValidAsync(_receiver.At("log"), secret);
        Assert.Equal("delivery_not_found",
            (await host.Http.PostReplyAsync($"/api/webhooks/{id}/deliveries/dlv_0000000000000000/redeliver", null, key)).ErrorCode);
    }

    [Fact]
    public async Task An_endpoint_failing_every_attempt_for_five_days_is_disabled_with_the_reason()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        _receiver.Answer("dead", _ => 503);
        var (id, _) = await host.Http.CreateWebhookAsync(key, _receiver.Url("dead"));
        var survey = await host.Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        // Each poll of the receiver moves the clock an hour: the first event's retries run out after three days, the
        // events added meanwhile keep the streak going, and on the fifth day the endpoint is switched off.
        var paused = false;
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await host.Http.WebhookAsync(key, id))["enabled"]!.GetValue<bool>())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not disabled; {_receiver.At("dead").Count} attempts so far");
            host.Clock.Advance(TimeSpan.FromHours(1));
            if (_receiver.At("dead").Count % 3 == 2)
            {
                var reply = await host.Http.PostReplyAsync($"/api/surveys/{survey.Uuid()}/{(paused ? "start" : "pause")}", null, key);
                paused = reply.Status == HttpStatusCode.OK ? !paused : paused;
            }
            await Task.Delay(300);
        }
        var endpoint = await host.Http.WebhookAsync(key, id);
        Assert.Contains("failed for 5 days in a row", endpoint["disabled_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var attempts = await host.Http.DeliveryLogAsync(key, id);
        Assert.All(attempts, a => Assert.Equal(503, a["status_code"]!.GetValue<int>()));
        var span = attempts[0]["attempted_at"]!.GetValue<DateTimeOffset>() - attempts[^1]["attempted_at"]!.GetValue<DateTimeOffset>();
        Assert.True(span >= TimeSpan.FromDays(5), $"disabled after {span}");
        Assert.Equal("webhook_disabled", (await host.Http.PostReplyAsync($"/api/webhooks/{id}/replay",
            new { since = DateTimeOffset.UnixEpoch.AddYears(30) }, key)).ErrorCode);
    }
}
