using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Core.Configuration;

/// <summary>
/// The rate-limit policy of an endpoint, declared next to its route (<see cref="RouteGroup"/>) and applied once by
/// <see cref="EndpointDispatcher"/> before authentication. Each policy limits the client address; the ones whose callers
/// carry an identity of their own also limit that identity (<see cref="RateLimitCallerKeys"/>). Limits come from
/// <see cref="Configuration.RateLimitOptions"/>.
/// </summary>
public enum RateLimit
{
    /// <summary>Not limited here: management calls with a tenant's or the operator's key, health, the OpenAPI document.</summary>
    None,

    /// <summary>
    /// Public reads and page loads: hosted pages and scripts, a published poll, its embed token, vote status, public
    /// results. Per address.
    /// </summary>
    Reads,

    /// <summary>Votes: per address, and per fingerprint (the body's <c>fingerprint</c>).</summary>
    Votes,

    /// <summary>The Take family's calls, made from respondents' browsers with the tenant's key: per address.</summary>
    Take,

    /// <summary>The panelist API behind a panelist key: per address, and per key (<c>X-Panelist-Key</c>).</summary>
    Panelists,

    /// <summary>The Responses calls a responder's links make: per address, and per <c>access_token</c> when one is sent.</summary>
    Responses,
}
