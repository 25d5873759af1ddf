using System.Threading.RateLimiting;

namespace SurveyFunctions.Core.Http.RateLimiting;

/// <summary>
/// One token bucket per partition key: up to <c>limit</c> requests at once, refilled one token every window / limit, so a
/// refused caller waits for one token, not a whole window. The partitioned limiter refills on its own timer and drops
/// buckets that have been idle (full) for a while, so memory follows the active keys.
/// </summary>
internal sealed class TokenBuckets : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public TokenBuckets(int limit, TimeSpan window)
    {
        Limit = limit;
        Window = window;
        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / limit,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => options));
    }

    public int Limit { get; }

    public TimeSpan Window { get; }

    /// <summary>
    /// Takes nothing: null when <paramref name="key"/>'s bucket has a whole token, else how long until it has one at most
    /// (one refill period). Not an acquire of 0 tokens: the bucket refills in fractions, and that succeeds on any fraction.
    /// </summary>
    public TimeSpan? WaitIfEmpty(string key) =>
        _limiter.GetStatistics(key) is { CurrentAvailablePermits: < 1 } ? Window / Limit + RefillTimerSlack : null;

    /// <summary>Takes one token from <paramref name="key"/>'s bucket: null when there was one, else how long until there is.</summary>
    public TimeSpan? TryTake(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
            return null;
        var untilNextToken = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window / Limit;
        return untilNextToken + RefillTimerSlack;
    }

    /// <summary>
    /// The partitioned limiter refills on a timer that ticks every 100 ms, so a token can arrive that much after the time the
    /// limiter reports: a client that waits exactly as told must not be refused again.
    /// </summary>
    private static readonly TimeSpan RefillTimerSlack = TimeSpan.FromMilliseconds(200);

    public void Dispose() => _limiter.Dispose();
}
