using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Hosted;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The hosted page behind <c>hostedResponseUrl</c> and its script (<see cref="HostedPage"/>): the script reads the key from
/// the page's own URL and fetches everything through the panelist API.
/// </summary>
public static class PanelistVotePage
{
    private static readonly HostedPage Html = HostedPage.Html("/app/panelist/vote.js", "SurveyFunctions.Panelists.vote.lead.html",
        "SurveyFunctions.Panelists.vote.actions.html");
    private static readonly HostedPage Script = HostedPage.Script("SurveyFunctions.Panelists.vote.js");

    public static Task<IResult> PageAsync(HttpContext context) => Html.ServeAsync(context);

    public static Task<IResult> ScriptAsync(HttpContext context) => Script.ServeAsync(context);
}
