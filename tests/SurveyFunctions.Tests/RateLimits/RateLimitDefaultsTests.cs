using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.RateLimiting;

namespace SurveyFunctions.Tests.RateLimits;

/// <summary>
/// The limits a deployment gets without setting anything, applied by the real <see cref="EndpointRateLimiter"/> to requests as
/// the hosts hand them over: real traffic passes, one script does not. And which client address a request is counted under.
/// </summary>
public sealed class RateLimitDefaultsTests
{
    private static readonly IPAddress SchoolNat = IPAddress.Parse("192.0.2.10");

    [Fact]
    public async Task A_class_of_30_behind_one_address_loads_the_poll_and_votes_at_once()
    {
        using var limiter = new EndpointRateLimiter(Options.Create(new SurveyFunctionsOptions()));
        var pupils = Enumerable.Range(1, 30).Select(i => $"pupil-{i}").ToArray();

        // What the embed script does per page view: the script, the poll, a token, the vote status, then results after voting.
        foreach (var pupil in pupils)
        {
            for (var read = 0; read < 5; read++)
                Assert.Null(await limiter.CheckAsync(RateLimit.Reads, Request(SchoolNat)));
            Assert.Null(await limiter.CheckAsync(RateLimit.Votes, Vote(SchoolNat, pupil)));
            // The retry of a vote whose answer was lost on a flaky school network.
            Assert.Null(await limiter.CheckAsync(RateLimit.Votes, Vote(SchoolNat, pupil)));
        }
    }

    [Fact]
    public async Task A_script_hammering_one_poll_from_one_address_is_refused_within_its_first_second()
    {
        using var limiter = new EndpointRateLimiter(Options.Create(new SurveyFunctionsOptions()));
        var script = IPAddress.Parse("198.51.100.66");

        var refused = 0;
        for (var i = 0; i < 1000; i++)
        {
            if (await limiter.CheckAsync(RateLimit.Votes, Vote(script, $"forged-{i}")) is { } refusal)
            {
                refused++;
                Assert.Equal(429, refusal.Error.StatusCode);
                Assert.Equal("rate_limited", refusal.Error.Code);
                Assert.InRange(refusal.RetryAfterSeconds, 1, 60);
            }
        }

        // The bucket refills one vote every 200 ms (300 a minute) while the loop runs: allow a few seconds' worth.
        var burst = new RateLimitOptions().Votes.PerAddress;
        Assert.InRange(refused, 1000 - burst - 25, 1000 - burst);
        // The school next door is not affected.
        Assert.Null(await limiter.CheckAsync(RateLimit.Votes, Vote(SchoolNat, "pupil-1")));
    }

    [Fact]
    public async Task Thirty_failed_authentications_close_the_address_and_a_fraction_of_a_refill_does_not_reopen_it()
    {
        using var limiter = new EndpointRateLimiter(Options.Create(new SurveyFunctionsOptions()));
        var guesser = IPAddress.Parse("198.51.100.77");
        for (var i = 0; i < new RateLimitOptions().AuthFailures.PerAddress; i++)
        {
            Assert.Null(limiter.CheckAuthFailureBudget(Request(guesser)));
            limiter.CountAuthFailure(Request(guesser));
        }

        // The bucket refills a little every 100 ms (a whole failure back every 2 s): a fraction is not a failure to spend.
        await Task.Delay(TimeSpan.FromMilliseconds(400));
        var refusal = limiter.CheckAuthFailureBudget(Request(guesser));
        Assert.NotNull(refusal);
        Assert.Equal(429, refusal.Error.StatusCode);
        Assert.InRange(refusal.RetryAfterSeconds, 1, 3);
        Assert.Null(limiter.CheckAuthFailureBudget(Request(SchoolNat)));
    }

    [Fact]
    public async Task Switched_off_nothing_is_refused()
    {
        var options = new SurveyFunctionsOptions { RateLimits = { Enabled = false } };
        using var limiter = new EndpointRateLimiter(Options.Create(options));
        for (var i = 0; i < 2000; i++)
        {
            Assert.Null(await limiter.CheckAsync(RateLimit.Votes, Vote(SchoolNat, "same")));
            limiter.CountAuthFailure(Request(SchoolNat));
        }
        Assert.Null(limiter.CheckAuthFailureBudget(Request(SchoolNat)));
    }

    [Theory]
    [InlineData("203.0.113.5", null, null, "203.0.113.5")]
    [InlineData("::ffff:203.0.113.5", null, null, "203.0.113.5")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null, null, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:1111:2222:3333:4444", null, null, "2001:db8:1:2::/64")]
    // Without a configured header, what the client says about itself is ignored.
    [InlineData("203.0.113.5", null, "1.2.3.4", "203.0.113.5")]
    // With one, its rightmost entry (the one the trusted proxy appended), with or without a port.
    [InlineData("10.0.0.1", "X-Azure-ClientIP", "198.51.100.7", "198.51.100.7")]
    [InlineData("10.0.0.1", "X-Azure-ClientIP", "1.2.3.4, 198.51.100.7:50123", "198.51.100.7")]
    [InlineData("10.0.0.1", "X-Azure-ClientIP", "[2001:db8::1]:443", "2001:db8::/64")]
    // A missing or unreadable header falls back to the connection.
    [InlineData("10.0.0.1", "X-Azure-ClientIP", "not-an-address", "10.0.0.1")]
    [InlineData("10.0.0.1", "X-Azure-ClientIP", null, "10.0.0.1")]
    public void The_client_address_is_the_connection_or_the_trusted_proxy_header(string remote, string? trustedHeader, string? headerValue,
        string expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (headerValue is not null)
        {
            context.Request.Headers["X-Azure-ClientIP"] = headerValue;
            context.Request.Headers["X-Forwarded-For"] = headerValue;
        }
        Assert.Equal(expected, ClientAddress.Of(context, trustedHeader));
    }

    [Theory]
    [InlineData(0, 10, 1, "WindowSeconds")]
    [InlineData(60, 0, 1, "Votes:PerAddress")]
    [InlineData(60, 10, -1, "Votes:PerCaller")]
    public void Unusable_limits_are_named(int window, int perAddress, int perCaller, string setting)
    {
        var options = new RateLimitOptions { WindowSeconds = window, Votes = { PerAddress = perAddress, PerCaller = perCaller } };
        Assert.Contains(setting, options.Problem(), StringComparison.Ordinal);
    }

    private static DefaultHttpContext Request(IPAddress from)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = from;
        return context;
    }

    private static DefaultHttpContext Vote(IPAddress from, string fingerprint)
    {
        var context = Request(from);
        var body = Encoding.UTF8.GetBytes($$"""{"option_ids":["opt_1"],"_token":"t","fingerprint":"{{fingerprint}}"}""");
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        return context;
    }
}
