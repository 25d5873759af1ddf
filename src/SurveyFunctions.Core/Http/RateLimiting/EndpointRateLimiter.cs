using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.RateLimiting;

/// <summary>
/// Applies an endpoint's <see cref="RateLimit"/> policy: first the client address's bucket, then (for policies with one) the
/// caller's. Runs in <see cref="EndpointDispatcher"/> before authentication and the handler, so a refused request costs no
/// storage call and writes nothing. Also keeps each address's budget of failed authentications
/// (<see cref="RateLimitOptions.AuthFailures"/>), which the dispatcher checks before looking up a key and spends after a
/// key fails. Per instance: counters live in this process's memory.
/// </summary>
public sealed class EndpointRateLimiter : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly Dictionary<RateLimit, (TokenBuckets PerAddress, TokenBuckets? PerCaller)> _policies = [];
    private readonly TokenBuckets _authFailures;

    public EndpointRateLimiter(IOptions<SurveyFunctionsOptions> options)
    {
        _options = options.Value.RateLimits;
        var window = TimeSpan.FromSeconds(_options.WindowSeconds);
        foreach (var policy in Enum.GetValues<RateLimit>().Where(p => p != RateLimit.None))
        {
            var setting = _options.For(policy);
            var perCaller = setting is CallerLimit { PerCaller: > 0 } caller ? new TokenBuckets(caller.PerCaller, window) : null;
            _policies[policy] = (new TokenBuckets(setting.PerAddress, window), perCaller);
        }
        _authFailures = new TokenBuckets(_options.AuthFailures.PerAddress, window);
    }

    /// <summary>
    /// Null when the request may go on (one token taken from each of its buckets), else its refusal. <paramref name="presented"/>
    /// is the credential the edge read for the route, the caller key of the policies that limit per credential.
    /// </summary>
    public async ValueTask<RateLimitRefusal?> CheckAsync(RateLimit policy, HttpContext context, string? presented = null)
    {
        if (policy == RateLimit.None || !_options.Enabled)
            return null;
        var (perAddress, perCaller) = _policies[policy];
        if (perAddress.TryTake(ClientAddress.Of(context, _options.ClientAddressHeader)) is { } addressWait)
            return Refuse(perAddress, addressWait, "requests from your network address");
        if (perCaller is not null
            && await RateLimitCallerKeys.ForAsync(policy, context, presented).ConfigureAwait(false) is { } caller
            && perCaller.TryTake(caller) is { } callerWait)
            return Refuse(perCaller, callerWait, "requests with " + RateLimitCallerKeys.Describe(policy));
        return null;
    }

    /// <summary>Null when the request's address has failed-authentication budget left (nothing is taken), else its refusal.</summary>
    public RateLimitRefusal? CheckAuthFailureBudget(HttpContext context) =>
        _options.Enabled && _authFailures.WaitIfEmpty(ClientAddress.Of(context, _options.ClientAddressHeader)) is { } wait
            ? Refuse(_authFailures, wait, "failed authentications from your network address")
            : null;

    /// <summary>Spends one of the address's failed authentications (none left: the next requests with a key are refused).</summary>
    public void CountAuthFailure(HttpContext context)
    {
        if (_options.Enabled)
            _authFailures.TryTake(ClientAddress.Of(context, _options.ClientAddressHeader));
    }

    private static RateLimitRefusal Refuse(TokenBuckets buckets, TimeSpan wait, string what)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var window = buckets.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many {what}: at most {buckets.Limit} per {window} seconds. Retry after {seconds} second{(seconds == 1 ? "" : "s")}.";
        return new RateLimitRefusal(ApiError.TooManyRequests(message), seconds);
    }

    public void Dispose()
    {
        foreach (var (perAddress, perCaller) in _policies.Values)
        {
            perAddress.Dispose();
            perCaller?.Dispose();
        }
        _authFailures.Dispose();
    }
}
