using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>Which of a survey's languages a respondent asked for.</summary>
public static class SurveyLanguages
{
    /// <summary>The longest language code a client may send.</summary>
    public const int MaxCodeLength = 35;

    /// <summary>A language code as the client may send it (<c>en</c>, <c>es-MX</c>, <c>zh_Hant</c>): letters, digits, '-' and '_'.</summary>
    public static bool IsLanguageCode(string text) =>
        text.Length is > 0 and <= MaxCodeLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// The survey language matching <paramref name="requested"/>: the same code (case-insensitive), else its base language
    /// (<c>es-MX</c> → <c>es</c>). Null when nothing matches or nothing was asked for.
    /// </summary>
    public static string? Match(Survey survey, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
            return null;
        var exact = survey.Languages.FirstOrDefault(l => string.Equals(l, requested, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
            return exact;
        var dash = requested.IndexOfAny(['-', '_']);
        return dash > 0 ? survey.Languages.FirstOrDefault(l => string.Equals(l, requested[..dash], StringComparison.OrdinalIgnoreCase)) : null;
    }

    /// <summary>
    /// The language a new session starts in: the one asked for when the survey offers it; for a single-language survey its
    /// language whatever was asked; null when a multi-language survey must first ask the respondent to choose.
    /// </summary>
    public static string? ForNewSession(Survey survey, string? requested) =>
        Match(survey, requested) ?? (survey.Languages.Count == 1 ? survey.DefaultLanguage : null);
}
