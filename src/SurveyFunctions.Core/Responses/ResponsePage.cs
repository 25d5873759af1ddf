using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Hosted;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The page behind a response's links (<c>/hc/{locale}/survey_responses/{id}?access_token=…[&amp;rating=N]</c>) and its
/// script (<see cref="HostedPage"/>): the script reads the locale, id, token and rating from the page's own URL, records a
/// link's rating, then shows the survey through the Responses API with the access token, following the survey's logic live.
/// </summary>
public static class ResponsePage
{
    private static readonly HostedPage Html = HostedPage.Html("/hc/survey_response.js", "SurveyFunctions.Responses.response.lead.html",
        "SurveyFunctions.Responses.response.actions.html");
    private static readonly HostedPage Script = HostedPage.Script(HostedPage.LogicScript, "SurveyFunctions.Responses.response.js");

    public static Task<IResult> PageAsync(HttpContext context) => Html.ServeAsync(context);

    public static Task<IResult> ScriptAsync(HttpContext context) => Script.ServeAsync(context);
}
