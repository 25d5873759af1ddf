using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Embed;

/// <summary>
/// Scripts that other sites load under <c>/embed</c>. Public static files: no key, no input. They answer errors (a
/// wrong method) in the Platform envelope, as <see cref="FamilyRouting"/> does for every path outside the seed families.
/// </summary>
public static class EmbedRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, "embed")
        .Get("EmbedPollScript", "poll.js", EndpointAuth.Anonymous, RateLimit.Reads, Use<PollEmbedScriptEndpoint>((e, c) => e.GetAsync(c)))
        .Endpoints;
}
