using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Embed;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.SurveyManagement;
using SurveyFunctions.Core.Take;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// The one list of HTTP endpoints: every family's own list, concatenated. The standalone host maps it directly; the
/// Functions app has one adapter per entry (same name, route and methods), which a test checks.
/// </summary>
public static class RouteTable
{
    public static IReadOnlyList<EndpointDefinition> All { get; } =
    [
        .. PlatformRoutes.Endpoints,
        .. AdminRoutes.Endpoints,
        .. PollRoutes.Endpoints,
        .. EmbedRoutes.Endpoints,
        .. SurveyRoutes.Endpoints,
        .. TakeRoutes.Endpoints,
        .. AccountRoutes.Endpoints,
        .. PanelistRoutes.Endpoints,
        .. ResponseRoutes.Endpoints,
    ];
}
