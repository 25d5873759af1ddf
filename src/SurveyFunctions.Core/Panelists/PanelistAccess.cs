using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The panelist key check the edge runs on <c>EndpointAuth.PanelistKey</c> routes, and what it hands the handler: the
/// panelist the key opens and their survey. A missing, wrong or retired key, or a key whose survey was deleted, is 401.
/// </summary>
public sealed class PanelistAccess(PanelistStore panelists, SurveyStore surveys)
{
    private static readonly object Key = new();

    /// <summary>The key in the <c>X-Panelist-Key</c> header (never in a URL of these calls), or null when none is sent.</summary>
    public static string? Presented(HttpRequest request)
    {
        var values = request.Headers[PanelistKeys.Header];
        var presented = values.Count == 1 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(presented) ? null : presented;
    }

    /// <summary>Null when the key opens a panelist of a survey that still exists (both are then on the context), else 401.</summary>
    public async Task<ApiError?> AuthenticateAsync(string? presented, HttpContext context)
    {
        var panelist = await panelists.FindByKeyAsync(presented, context.RequestAborted).ConfigureAwait(false);
        if (panelist is null)
            return ApiError.Unauthorized("Missing or invalid panelist key (X-Panelist-Key).");
        var survey = await surveys.GetAsync(panelist.TenantId, panelist.SurveyUuid, context.RequestAborted).ConfigureAwait(false);
        if (survey is null)
            return ApiError.Unauthorized("This panelist key's survey no longer exists.");
        context.Items[Key] = (panelist, survey);
        return null;
    }

    /// <summary>The panelist and survey the edge authenticated for this request; asking on another route is a bug.</summary>
    public static (Panelist Panelist, Survey Survey) Of(HttpContext context) =>
        context.Items.TryGetValue(Key, out var found) && found is ValueTuple<Panelist, Survey> pair
            ? pair
            : throw new InvalidOperationException("This endpoint is not declared EndpointAuth.PanelistKey; no panelist was authenticated.");
}
