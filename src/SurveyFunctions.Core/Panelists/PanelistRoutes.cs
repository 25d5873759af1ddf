using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;
using static SurveyFunctions.Core.Http.RouteGroup;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The Panelists family (seed 002): the tenant's <c>GET /tenant/surveys/{surveyId}/panelists/{panelistId}</c> (API key), and
/// the panelist's side under <c>/app/panelist</c>: the hosted page and its script (static platform files for anyone; the page
/// shows nothing without a valid key) and the API the page calls, which checks the panelist key itself (<c>X-Panelist-Key</c>).
/// </summary>
public static class PanelistRoutes
{
    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } =
    [
        .. new RouteGroup(ApiFamily.Panelists, "tenant/surveys")
            .Get("GetPanelist", "{surveyId}/panelists/{panelistId}", EndpointAuth.Tenant, RateLimit.None, Use<PanelistEndpoints>((e, c) => e.GetAsync(c)))
            .Endpoints,
        // Static files with no tenant's data in them: our own (platform) assets, like the OpenAPI document.
        .. new RouteGroup(ApiFamily.Platform, "app/panelist")
            .Get("PanelistVotePage", "vote", EndpointAuth.Anonymous, RateLimit.Reads, PanelistVotePage.PageAsync)
            .Get("PanelistVoteScript", "vote.js", EndpointAuth.Anonymous, RateLimit.Reads, PanelistVotePage.ScriptAsync)
            .Endpoints,
        .. new RouteGroup(ApiFamily.Panelists, "app/panelist")
            .Post("PanelistOpenSession", "api/session", EndpointAuth.Anonymous, RateLimit.Panelists, Use<PanelistResponseEndpoints>((e, c) => e.OpenAsync(c)))
            .Post("PanelistSubmitPage", "api/submit-page", EndpointAuth.Anonymous, RateLimit.Panelists, Use<PanelistResponseEndpoints>((e, c) => e.SubmitPageAsync(c)))
            .Post("PanelistDismiss", "api/dismiss", EndpointAuth.Anonymous, RateLimit.Panelists, Use<PanelistResponseEndpoints>((e, c) => e.DismissAsync(c)))
            .Endpoints,
    ];
}
