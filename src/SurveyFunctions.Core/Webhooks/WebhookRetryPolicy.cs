using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// When a failed delivery is tried again: exponential backoff from
/// <see cref="SurveyFunctionsOptions.WebhookFirstRetrySeconds"/> (×4 per attempt, at most
/// <see cref="MaxDelay"/>) with ±20 % jitter so many failed deliveries do not come back at one instant; a receiver's
/// <c>Retry-After</c> is honoured within <see cref="MinRetryAfter"/>..<see cref="MaxDelay"/>. Retries stop
/// <see cref="SurveyFunctionsOptions.WebhookRetryHours"/> after the delivery's first attempt was due (3 days by default,
/// about a dozen attempts).
/// </summary>
public sealed class WebhookRetryPolicy(IOptions<SurveyFunctionsOptions> options)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);
    public static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);

    public TimeSpan RetryPeriod => TimeSpan.FromHours(options.Value.WebhookRetryHours);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 = the first), jittered.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var first = options.Value.WebhookFirstRetrySeconds;
        var seconds = Math.Min(first * Math.Pow(4, Math.Clamp(attempt - 1, 0, 20)), MaxDelay.TotalSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>When the next attempt is due, or null when the retry period would be over by then (the delivery is given up).</summary>
    public DateTimeOffset? NextAttempt(WebhookMessage message, DateTimeOffset now, TimeSpan? retryAfter)
    {
        var next = now + (retryAfter is { } wait ? Clamp(wait) : Backoff(message.Attempt));
        return next <= message.FirstDueAt + RetryPeriod ? next : null;
    }

    /// <summary>A reply's <c>Retry-After</c> (seconds or a date) as a wait from <paramref name="now"/>; null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) =>
        header?.Delta ?? (header?.Date is { } date ? date - now : null);

    private static TimeSpan Clamp(TimeSpan wait) => wait < MinRetryAfter ? MinRetryAfter : wait > MaxDelay ? MaxDelay : wait;
}
