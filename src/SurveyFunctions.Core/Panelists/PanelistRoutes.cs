using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The Panelists family (the Votito panelist API): the tenant's <c>GET /tenant/surveys/{surveyId}/panelists/{panelistId}</c> (API key), and
/// the panelist's side under <c>/app/panelist</c>: the hosted page and its script (static platform files for anyone; the page
/// shows nothing without a valid key) and the API the page calls, on the panelist key (<c>X-Panelist-Key</c>), checked at the edge like any key.
/// </summary>
public static class PanelistRoutes
{
    /// <summary>The tenant's side: every path under it answers in the Panelists envelope.</summary>
    public const string Tenant = "tenant";
    public const string TenantPanelist = Tenant + "/surveys/{surveyId}/panelists/{panelistId}";
    public const string PanelistApp = "app/panelist";
    public const string PanelistPage = PanelistApp + "/vote";
    public const string PanelistPageScript = PanelistApp + "/vote.js";
    /// <summary>The panelist's API: every path under it answers in the Panelists envelope.</summary>
    public const string PanelistApi = PanelistApp + "/api";
    public const string PanelistSession = PanelistApi + "/session";
    public const string PanelistSubmitPage = PanelistApi + "/submit-page";
    public const string PanelistDismiss = PanelistApi + "/dismiss";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } =
    [
        .. new RouteGroup(ApiFamily.Panelists, Tenant)
            .Get("GetPanelist", TenantPanelist, EndpointAuth.Tenant, RateLimit.None, Use<PanelistEndpoints>((e, c) => e.GetAsync(c)))
            .Endpoints,
        // Static files with no tenant's data in them: our own (platform) assets, like the OpenAPI document.
        .. new RouteGroup(ApiFamily.Platform, PanelistApp)
            .Get("PanelistVotePage", PanelistPage, EndpointAuth.Anonymous, RateLimit.Reads, PanelistVotePage.PageAsync)
            .Get("PanelistVoteScript", PanelistPageScript, EndpointAuth.Anonymous, RateLimit.Reads, PanelistVotePage.ScriptAsync)
            .Endpoints,
        .. new RouteGroup(ApiFamily.Panelists, PanelistApi)
            .Post("PanelistOpenSession", PanelistSession, EndpointAuth.PanelistKey, RateLimit.Panelists,
                Use<PanelistResponseEndpoints>((e, c) => e.OpenAsync(c)))
            .Post("PanelistSubmitPage", PanelistSubmitPage, EndpointAuth.PanelistKey, RateLimit.Panelists,
                Use<PanelistResponseEndpoints>((e, c) => e.SubmitPageAsync(c)))
                .Idempotent()
            .Post("PanelistDismiss", PanelistDismiss, EndpointAuth.PanelistKey, RateLimit.Panelists,
                Use<PanelistResponseEndpoints>((e, c) => e.DismissAsync(c)))
            .Endpoints,
    ];
}
