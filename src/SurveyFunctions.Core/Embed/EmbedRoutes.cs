using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Embed;

/// <summary>
/// Scripts that other sites load under <c>/embed</c>. Public static files: no key, no input. They answer errors (a
/// wrong method) in the Platform envelope, as <see cref="EndpointCatalog.FamilyOf"/> does for every path outside the documented families.
/// </summary>
public static class EmbedRoutes
{
    public const string Embed = "embed";
    public const string EmbedPollScript = Embed + "/poll.js";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Platform, Embed)
        .Get("EmbedPollScript", EmbedPollScript, EndpointAuth.Anonymous, RateLimit.Reads, Use<PollEmbedScriptEndpoint>((e, c) => e.GetAsync(c)))
        .Endpoints;
}
