using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The Panelists family (the Votito panelist API): <c>GET /tenant/surveys/{surveyId}/panelists/{panelistId}</c> with the tenant's API key.
/// <c>{surveyId}</c> is the survey's uuid or integer id; <c>{panelistId}</c> is the tenant's own id for the person (any text
/// up to 256 characters, no control characters). Creates the panelist on first access and answers the same key after.
/// </summary>
public sealed class PanelistEndpoints(SurveyStore surveys, PanelistStore panelists, PanelistKeys keys, PanelistState state,
    IOptions<SurveyFunctionsOptions> options)
{
    public const int MaxPanelistId = 256;
    public const string HostedPath = "/app/panelist/vote/";

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var survey = await LoadSurveyAsync(context, tenant.TenantId).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        if (PanelistId(context) is not { } panelistId)
            return ApiError.BadRequest($"'panelistId' must be 1 to {MaxPanelistId} characters without control characters.", "panelistId").ToResult();

        var panelist = await panelists.GetOrCreateAsync(tenant.TenantId, survey.Value.Uuid, panelistId, context.RequestAborted).ConfigureAwait(false);
        var publicKey = keys.PublicKey(panelist);
        if (publicKey is null)
        {
            // The signing key this panelist's secret came from was retired: a new key (the old one's row stays unmatched).
            panelist = await panelists.ReissueKeyAsync(panelist, context.RequestAborted).ConfigureAwait(false);
            publicKey = keys.PublicKey(panelist)!;
        }
        var (status, isOpen) = await state.SurveyStatusAsync(survey.Value, context.RequestAborted).ConfigureAwait(false);
        var canRespond = await state.CanRespondAsync(survey.Value, panelist, isOpen, context.RequestAborted).ConfigureAwait(false);
        var view = new PanelistViews.Access(
            new PanelistViews.PanelistView(
                canRespond,
                panelist.SessionCount,
                panelist.ActivityStartedAt?.ToUnixTimeSeconds(),
                panelist.ActivityMostRecentAt?.ToUnixTimeSeconds(),
                panelist.DismissedMostRecentAt?.ToUnixTimeSeconds(),
                publicKey,
                HostedUrl(publicKey)),
            new PanelistViews.SurveyView(status, survey.Value.Name));
        return Results.Json(view, ApiJson.Options);
    }

    /// <summary><c>{PublicBaseUrl}/app/panelist/vote/?key={publicKey}</c>; the key is made of URL-safe characters and ':'.</summary>
    private string HostedUrl(string publicKey) => options.Value.PublicBaseUrl.TrimEnd('/') + HostedPath + "?key="
        + Uri.EscapeDataString(publicKey).Replace("%3A", ":", StringComparison.Ordinal);

    /// <summary>
    /// The tenant's survey, else 403 when the uuid names another tenant's survey (the Votito documentation's "API key belongs to a different
    /// tenant"), else 404 <c>survey_not_found</c>. Integer ids are numbered per tenant, so an unknown one is simply not found.
    /// Only authenticated callers get here, so nobody without a key learns whether a uuid exists.
    /// </summary>
    private async Task<Outcome<Survey>> LoadSurveyAsync(HttpContext context, string tenantId)
    {
        var id = RouteIds.Get(context, "surveyId");
        if (id is null)
            return SurveyErrors.NotFound();
        if (await surveys.FindAsync(tenantId, id, context.RequestAborted).ConfigureAwait(false) is { } survey)
            return survey;
        if (!id.All(char.IsAsciiDigit) && await surveys.FindOwnerAsync(id,
            context.RequestAborted).ConfigureAwait(false) is { } owner && owner != tenantId)
            return ApiError.Forbidden("The API key belongs to a different tenant than this survey.");
        return SurveyErrors.NotFound();
    }

    private static string? PanelistId(HttpContext context) =>
        context.Request.RouteValues["panelistId"] is string id && id.Length is > 0 and <= MaxPanelistId && !JsonFields.HasControlCharacters(id)
            && id.Trim().Length > 0
            ? id
            : null;
}
