using System.Globalization;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The Take family's <c>x-survey-token</c>: a <see cref="TokenSigner"/> token whose subject is the session, bound to its
/// tenant and survey, carrying where the session stands (the step it was issued at and the page shown). A new one is
/// issued on every call. Tampering breaks the signature; a token for another survey or tenant, another purpose (an embed
/// token, a cursor) or past its expiry is refused; a token used a second time is recognised by its step.
/// <para>
/// The QuestionPro documentation has the header on every call, so an answer with no session (a survey that refuses a first call, a refused
/// token) carries a <em>visitor</em> token: same purpose, bound to tenant and survey, subject <see cref="VisitorSubject"/>.
/// It holds no session; sent back to <c>take</c> it is a first call, sent to <c>submit-page</c> there is nothing to submit to.
/// </para>
/// </summary>
public sealed class SessionTokens(TokenSigner signer)
{
    public const string Header = "x-survey-token";
    public const string Purpose = "survey-session";

    /// <summary>
    /// 24 hours from the latest call: a respondent who leaves a survey half-way can come back the next day with the token
    /// they hold; a token that leaks stops working a day after its session was last used.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Not a number, so no visitor token can ever be read as a session's.</summary>
    private const string VisitorSubject = "visitor";

    private const string TenantClaim = "tn";
    private const string SurveyClaim = "sv";
    private const string RespondentClaim = "rk";
    private const string StepClaim = "st";
    private const string PageClaim = "pg";

    public string Issue(SurveySession session, int? page)
    {
        var claims = SurveyClaims(session.TenantId, session.SurveyUuid);
        claims[StepClaim] = Number(session.Step);
        if (session.Locator.RespondentKey is { } respondent)
            claims[RespondentClaim] = respondent;
        if (page is { } p)
            claims[PageClaim] = Number(p);
        return signer.Issue(Purpose, session.Id.ToString(CultureInfo.InvariantCulture), Lifetime, claims);
    }

    /// <summary>A token for a caller without a session of <paramref name="survey"/> (see the class summary).</summary>
    public string IssueVisitor(Survey survey) =>
        signer.Issue(Purpose, VisitorSubject, Lifetime, SurveyClaims(survey.TenantId, survey.Uuid));

    /// <summary>Whether <paramref name="token"/> is a valid visitor token of this tenant's <paramref name="survey"/>.</summary>
    public bool IsVisitor(string? token, Survey survey) =>
        signer.Verify(token, Purpose, VisitorSubject, out var verified) == TokenRejection.None && verified is not null &&
        verified.Claims.GetValueOrDefault(TenantClaim) == survey.TenantId &&
        verified.Claims.GetValueOrDefault(SurveyClaim) == survey.Uuid;

    /// <summary>Where the token says its session stands, or null when it is not a valid token of this tenant's <paramref name="survey"/>.</summary>
    public SessionPosition? Read(string? token, Survey survey)
    {
        if (signer.VerifyAnySubject(token, Purpose, out var verified) != TokenRejection.None || verified is null)
            return null;
        var claims = verified.Claims;
        if (!long.TryParse(verified.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var sessionId) ||
            claims.GetValueOrDefault(TenantClaim) != survey.TenantId ||
            claims.GetValueOrDefault(SurveyClaim) != survey.Uuid ||
            !TryNumber(claims.GetValueOrDefault(StepClaim), out var step))
        {
            return null;
        }
        int? page = null;
        if (claims.TryGetValue(PageClaim, out var pageText))
        {
            if (!TryNumber(pageText, out var p))
                return null;
            page = p;
        }
        var respondent = claims.GetValueOrDefault(RespondentClaim);
        if (respondent is not null && !RespondentKeys.IsWellFormed(respondent))
            return null;
        return new SessionPosition(new SessionLocator(survey.TenantId, survey.Uuid, sessionId, respondent), step, page);
    }

    private static Dictionary<string, string> SurveyClaims(string tenantId, string surveyUuid) =>
        new(StringComparer.Ordinal) { [TenantClaim] = tenantId, [SurveyClaim] = surveyUuid };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryNumber(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
