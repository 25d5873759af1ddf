using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// How a survey ends for its respondent, from its settings, as both respondent pages (the panelist page and the response
/// page) and the Take family's <c>redirectUrl</c> apply it: a completed session goes to <see cref="RedirectUrl"/> (only
/// with <c>redirect_type: url</c>), a disqualified one to <see cref="RedirectUrlDisqualified"/> (whatever the redirect type,
/// as the QuestionPro survey-taking API's <c>terminated</c> example shows); without a URL a completed session is shown <see cref="CompleteHtml"/>.
/// The URLs go out exactly as the owner stored them: none of the public APIs defines placeholders, so no respondent or session id is
/// appended (an owner who needs one puts it in the URL per panel, as QuestionPro's <c>ref=456</c> example does). Settings
/// input accepts only absolute http(s) URLs; the pages check that again before navigating. The JSON names are the
/// settings' own (the Polling.com Account Level API's) in every family that carries this.
/// </summary>
public sealed record SurveyCompletion(
    [property: JsonPropertyName("redirect_url")] string? RedirectUrl,
    [property: JsonPropertyName("redirect_url_disqualified")] string? RedirectUrlDisqualified,
    [property: JsonPropertyName("complete_html")] string? CompleteHtml)
{
    public static SurveyCompletion Of(SurveySettings settings) => new(
        settings.RedirectType == RedirectType.Url ? settings.RedirectUrl : null,
        settings.RedirectUrlDisqualified,
        string.IsNullOrWhiteSpace(settings.CompleteHtml) ? null : settings.CompleteHtml);

    /// <summary>Where a session that ended this way is sent, or null to stay on the page.</summary>
    public string? RedirectFor(bool disqualified) => disqualified ? RedirectUrlDisqualified : RedirectUrl;
}
