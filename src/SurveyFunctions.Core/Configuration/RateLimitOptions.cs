using SurveyFunctions.Core.Http.RateLimiting;

namespace SurveyFunctions.Core.Configuration;

/// <summary>
/// Rate limits on the public endpoints (<c>SurveyFunctions:RateLimits</c>). Every limit is a token bucket: up to N
/// requests at once, refilled steadily at N per <see cref="WindowSeconds"/>. Counters live in each instance's memory:
/// with several Functions instances each allows this much, so a global limit belongs in front (Front Door, APIM).
/// </summary>
public sealed class RateLimitOptions
{
    public const int MaxLimit = 1_000_000;

    /// <summary>On by default; off only where one address sends everything (the benchmark, the test hosts).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The period the limits below are counted over.</summary>
    public int WindowSeconds { get; set; } = 60;

    /// <summary>
    /// A request header set by a trusted proxy in front of this app to take the client address from (its rightmost
    /// entry), e.g. <c>X-Azure-ClientIP</c> behind Front Door. Empty: the connection's address, which on Azure Functions
    /// is already the address the platform's front end saw (see <see cref="ClientAddress"/>). Never set it to a header
    /// clients can send straight to this app: they would choose their own partition.
    /// </summary>
    public string? ClientAddressHeader { get; set; }

    /// <summary>A class of 30 behind one NAT loads a poll (script, poll, token, status, results) about 150 times at once.</summary>
    public AddressLimit Reads { get; set; } = new() { PerAddress = 600 };

    /// <summary>300 votes at once from one address (a class or an office behind one NAT), 5 a second after that; 10 per fingerprint.</summary>
    public CallerLimit Votes { get; set; } = new() { PerAddress = 300, PerCaller = 10 };

    /// <summary>A class of 30 taking a 10-page survey together makes about 330 calls over several minutes.</summary>
    public AddressLimit Take { get; set; } = new() { PerAddress = 600 };

    /// <summary>A panelist opens a session and submits a page at a time: 60 calls per key is many surveys' worth.</summary>
    public CallerLimit Panelists { get; set; } = new() { PerAddress = 600, PerCaller = 60 };

    /// <summary>A responder follows a link, reads the form and submits: 60 calls per access token.</summary>
    public CallerLimit Responses { get; set; } = new() { PerAddress = 600, PerCaller = 60 };

    /// <summary>
    /// Failed authentications (a tenant's or the admin key that does not match) per address, on every route that takes a
    /// key: while an address has none left, its requests that carry a key are refused before the key is looked up. A
    /// client that sends 30 wrong keys a minute is broken or guessing.
    /// </summary>
    public AddressLimit AuthFailures { get; set; } = new() { PerAddress = 30 };

    public AddressLimit For(RateLimit policy) => policy switch
    {
        RateLimit.Reads => Reads,
        RateLimit.Votes => Votes,
        RateLimit.Take => Take,
        RateLimit.Panelists => Panelists,
        RateLimit.Responses => Responses,
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "This policy has no limits."),
    };

    /// <summary>Null when the settings are usable, else what is wrong with them (for options validation at start).</summary>
    public string? Problem()
    {
        if (WindowSeconds is < 1 or > 3600)
            return $"SurveyFunctions:RateLimits:WindowSeconds must be 1-3600 (is {WindowSeconds}).";
        foreach (var policy in Enum.GetValues<RateLimit>().Where(p => p != RateLimit.None))
        {
            var setting = For(policy);
            if (setting.PerAddress is < 1 or > MaxLimit)
                return $"SurveyFunctions:RateLimits:{policy}:PerAddress must be 1-{MaxLimit} (is {setting.PerAddress}).";
            if (setting is CallerLimit { PerCaller: < 0 or > MaxLimit } caller)
                return $"SurveyFunctions:RateLimits:{policy}:PerCaller must be 0 (off) to {MaxLimit} (is {caller.PerCaller}).";
        }
        if (AuthFailures.PerAddress is < 1 or > MaxLimit)
            return $"SurveyFunctions:RateLimits:AuthFailures:PerAddress must be 1-{MaxLimit} (is {AuthFailures.PerAddress}).";
        return null;
    }
}

/// <summary>A policy's limit per client address, per <see cref="RateLimitOptions.WindowSeconds"/>.</summary>
public class AddressLimit
{
    public int PerAddress { get; set; }
}

/// <summary>A policy whose callers carry an identity (fingerprint, panelist key, access token): limited per address and per identity.</summary>
public sealed class CallerLimit : AddressLimit
{
    /// <summary>Requests per caller identity; 0 = not limited per identity (the address limit still applies).</summary>
    public int PerCaller { get; set; }
}
