namespace SurveyFunctions.Core.Surveys;

/// <summary>Where a survey may send a respondent's browser: the completion and disqualification settings, and redirect branches.</summary>
public static class RedirectUrls
{
    public const int MaxLength = 2000;

    /// <summary>An absolute http or https URL without whitespace: nothing else (<c>javascript:</c>, <c>data:</c>, a relative path).</summary>
    public static bool IsAbsoluteWebUrl(string text) =>
        text.Length <= MaxLength && !text.Any(char.IsWhiteSpace) && Uri.TryCreate(text, UriKind.Absolute, out var uri) &&
        (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
}
