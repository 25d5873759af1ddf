using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// A response's <c>access_token</c> (in its links' query string): a <see cref="TokenSigner"/> token for the purpose
/// "response" whose subject is the response id, bound to its tenant, valid until the response's <c>expires_at</c>. It
/// lets whoever holds the link answer (and read) that one response without an API key, and nothing else.
/// </summary>
public sealed class ResponseTokens(TokenSigner signer)
{
    public const string Purpose = "response";
    public const string QueryParameter = "access_token";

    /// <summary>
    /// How long an offered response takes answers, and its links work: 14 days, long enough for a customer to answer a
    /// satisfaction survey about a ticket when they get round to it, short enough that old links stop working.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private const string TenantClaim = "tn";

    public string Issue(SurveyResponse response) =>
        signer.Issue(Purpose, response.Id, response.ExpiresAt - response.CreatedAt, new Dictionary<string,
            string>(StringComparer.Ordinal) { [TenantClaim] = response.TenantId });

    /// <summary>
    /// The tenant whose response <paramref name="responseId"/> the token opens: 401 for a token that is missing, tampered,
    /// expired or not an access token; 403 for a valid token of another response.
    /// </summary>
    public Outcome<string> Authorize(string? token, string responseId)
    {
        if (signer.VerifyAnySubject(token, Purpose, out var verified) != TokenRejection.None || verified is null ||
            verified.Claims.GetValueOrDefault(TenantClaim) is not { Length: > 0 } tenantId)
        {
            return ResponseErrors.Unauthorized();
        }
        return verified.Subject == responseId ? tenantId : ResponseErrors.Forbidden();
    }
}
