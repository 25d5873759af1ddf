using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Json;

namespace SurveyFunctions.Core.Http.RateLimiting;

/// <summary>
/// The caller identity a policy limits besides the address: the vote's fingerprint, the panelist key, the response's
/// access token. Null when the request carries none (the address limit still applies; the handler refuses what is missing).
/// Keys are hashed so the limiter's memory holds no credentials and no client-chosen long strings.
/// </summary>
public static class RateLimitCallerKeys
{
    /// <summary>What the caller key is, for the refusal's message.</summary>
    public static string Describe(RateLimit policy) => policy switch
    {
        RateLimit.Votes => "this fingerprint",
        RateLimit.Panelists => "this panelist key",
        RateLimit.Responses => "this access token",
        _ => "this caller",
    };

    /// <summary>
    /// The caller key of <paramref name="policy"/>: the vote's fingerprint, else the credential the edge names as the caller
    /// (<paramref name="presented"/>: the panelist key, the response's access token).
    /// </summary>
    public static async ValueTask<string?> ForAsync(RateLimit policy, HttpContext context, string? presented)
    {
        var key = policy switch
        {
            RateLimit.Votes => await FingerprintAsync(context).ConfigureAwait(false),
            RateLimit.Panelists or RateLimit.Responses => presented,
            _ => null,
        };
        return string.IsNullOrEmpty(key) ? null : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>
    /// The vote body's <c>fingerprint</c>. <see cref="JsonBody"/> keeps the parsed body for the request, so the handler reads
    /// the same body without reading the stream again; a body that is not a JSON object has no fingerprint here and gets its
    /// documented error from the handler.
    /// </summary>
    private static async ValueTask<string?> FingerprintAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        return body.IsSuccess && body.Value.TryGetProperty("fingerprint", out var fingerprint) && fingerprint.ValueKind == JsonValueKind.String
            ? fingerprint.GetString()
            : null;
    }
}
