namespace SurveyFunctions.Core.Taking;

/// <summary>Reads the one thing we keep from a User-Agent: whether it is a phone or tablet (the Account family's <c>is_mobile</c>).</summary>
public static class UserAgents
{
    // The markers mobile browsers and in-app web views put in their User-Agent; "Mobi" covers most (Mozilla's advice).
    private static readonly string[] MobileMarkers = ["Mobi", "Android", "iPhone", "iPad", "iPod", "Windows Phone", "BlackBerry", "Opera Mini",
        "webOS"];

    public static bool IsMobile(string? userAgent) =>
        !string.IsNullOrEmpty(userAgent) && MobileMarkers.Any(m => userAgent.Contains(m, StringComparison.OrdinalIgnoreCase));
}
