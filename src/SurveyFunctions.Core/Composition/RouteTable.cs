using SurveyFunctions.Core.Account;
using SurveyFunctions.Core.Admin;
using SurveyFunctions.Core.Embed;
using SurveyFunctions.Core.Exports;
using SurveyFunctions.Core.Events;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Panelists;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.SurveyManagement;
using SurveyFunctions.Core.Take;

namespace SurveyFunctions.Core.Composition;

/// <summary>
/// The one list of HTTP endpoints: every family's own list, concatenated. The standalone host maps each entry; the
/// Functions app has one function per route template (the families' template constants), which a test checks against
/// the built functions.metadata.
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
        .. ExportRoutes.Endpoints,
        .. EventRoutes.Endpoints,
    ];

    /// <summary>The list indexed for dispatch, 405s and envelopes; the one instance both hosts serve.</summary>
    public static EndpointCatalog Catalog { get; } = new(All);
}
