using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// <c>poll.results</c>: a poll's totals, coalesced to at most one event per poll per interval
/// (<see cref="SurveyFunctionsOptions.PollResultsEventSeconds"/>, aligned to the clock) in which its counts changed, never
/// one per vote. Before the aggregator commits a poll's counts it schedules a message that becomes visible when the
/// interval ends (<see cref="ScheduleAsync"/>, once per poll and interval in this instance); the message's job reads the
/// totals then, so the event carries every vote accepted by the end of the interval. The event's key is the poll and the
/// interval, so a message delivered twice, or scheduled by two instances, records one event.
/// </summary>
public sealed class PollResultsEvents(SurveyStorage storage, PollStore polls, PollTally tally, EventStore log, TimeProvider time,
    IOptions<SurveyFunctionsOptions> options)
{
    private const int MaxRemembered = 100_000;

    // The interval each poll's message was last scheduled for by this instance: later commits in it need no second message.
    private readonly ConcurrentDictionary<string, long> _scheduled = new(StringComparer.Ordinal);

    /// <summary>Schedules the poll's results event for the end of the current interval, unless this instance already did.</summary>
    public async Task ScheduleAsync(string pollId, CancellationToken ct)
    {
        var seconds = options.Value.PollResultsEventSeconds;
        if (seconds <= 0)
            return;
        var now = time.GetUtcNow();
        var interval = now.ToUnixTimeSeconds() / seconds;
        if (_scheduled.TryGetValue(pollId, out var scheduled) && scheduled == interval)
            return;
        // A small margin past the interval's end, so a commit finishing right at the end is read too.
        var delay = IntervalEnd(interval, seconds) - now + TimeSpan.FromMilliseconds(250);
        await storage.PollResultsQueue.SendMessageAsync(Format(pollId, interval), visibilityTimeout: delay, cancellationToken: ct)
            .ConfigureAwait(false);
        if (_scheduled.Count >= MaxRemembered)
            _scheduled.Clear(); // a bound: forgetting only costs a second message, whose event is recorded once
        _scheduled[pollId] = interval;
    }

    /// <summary>
    /// The queue job: records the interval's event with the poll's totals as they are now. A poll deleted meanwhile has none.
    /// Throws on a message that is not ours, so it ends in the poison queue.
    /// </summary>
    public async Task ProcessMessageAsync(string message, CancellationToken ct)
    {
        var (pollId, interval) = TryParse(message) ?? throw new FormatException("Not a poll results message.");
        if (await polls.GetAsync(pollId, ct).ConfigureAwait(false) is not { } poll)
            return;
        var counts = await tally.ReadAsync(poll, ct).ConfigureAwait(false);
        var end = IntervalEnd(interval, Math.Max(1, options.Value.PollResultsEventSeconds));
        var results = JsonSerializer.SerializeToNode(PollViews.Results(poll, counts), ApiJson.Options)!.AsObject();
        await log.AppendAsync(new DomainEvent
        {
            Key = $"{EventTypes.PollResults}|{poll.TenantId}|{poll.Id}|{interval}",
            Type = EventTypes.PollResults,
            TenantId = poll.TenantId,
            OccurredAt = end,
            Resource = new JsonObject { ["poll_id"] = poll.Id },
            Data = new JsonObject
            {
                ["poll_id"] = poll.Id,
                ["title"] = poll.Title,
                ["total_votes"] = results["total_votes"]?.DeepClone(),
                ["results"] = results["results"]?.DeepClone(),
                ["interval_end"] = DomainEvent.Instant(end),
            },
        }, ct).ConfigureAwait(false);
    }

    private static DateTimeOffset IntervalEnd(long interval, int seconds) => DateTimeOffset.FromUnixTimeSeconds((interval + 1) * seconds);

    private static string Format(string pollId, long interval) => pollId + "|" + interval.ToString(CultureInfo.InvariantCulture);

    private static (string PollId, long Interval)? TryParse(string text)
    {
        var parts = text.Split('|');
        return parts.Length == 2 && parts[0].StartsWith(PollCounterTargets.KeyPrefix, StringComparison.Ordinal)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var interval)
            ? (parts[0], interval)
            : null;
    }
}
