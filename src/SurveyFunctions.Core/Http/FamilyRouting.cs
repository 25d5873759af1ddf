namespace SurveyFunctions.Core.Http;

/// <summary>Which family owns a path, so that unknown routes and 405s still answer in that family's envelope.</summary>
public static class FamilyRouting
{
    public static ApiFamily ForPath(string? path)
    {
        var p = path ?? "";
        if (p.StartsWith("/api/polls", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Polls;
        if (p.StartsWith("/api/surveys", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Surveys;
        if (p.StartsWith("/api/account", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Account;
        if (p.StartsWith("/tenant/", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Panelists;
        if (p.StartsWith("/app/panelist/api", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Panelists;
        if (p.StartsWith("/a/api/v2", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Take;
        if (p.StartsWith("/api/v2/guide", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Responses;
        if (p.StartsWith("/hc/api/", StringComparison.OrdinalIgnoreCase)) return ApiFamily.Responses;
        return ApiFamily.Platform;
    }
}
