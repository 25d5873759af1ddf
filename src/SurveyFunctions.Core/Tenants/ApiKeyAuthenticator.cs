using System.Text;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Tenants;

/// <summary>
/// Resolves the tenant from whichever auth form the caller's family documents. All forms carry the same key:
/// <c>X-API-Key</c> (Panelists), <c>api-key</c> (Take), <c>Authorization: Bearer</c> (Polls), <c>token</c> header
/// (Account), Basic <c>{email}/token:{key}</c> (Responses); every header form works in every family. A key in the query
/// string (<c>?token=</c>) only where a family's documentation has it (Account): URLs end up in logs and browser histories.
/// </summary>
public sealed class ApiKeyAuthenticator(TenantStore tenants)
{
    /// <summary>
    /// The tenant of <paramref name="key"/>, the key the request presented (<see cref="FindPresentedKey"/>, read once by the
    /// edge); <paramref name="allowQueryToken"/> only shapes the message for a missing key.
    /// </summary>
    public async Task<Outcome<TenantContext>> AuthenticateAsync(string? key, bool allowQueryToken, CancellationToken ct)
    {
        if (key is null)
            return ApiError.Unauthorized(allowQueryToken
                ? "Missing API key: send it as the token header or ?token=, or as X-API-Key, api-key, Authorization: Bearer, or Basic " +
                    "{email}/token:{key}."
                : "Missing API key: send it as X-API-Key, api-key, token, Authorization: Bearer, or Basic {email}/token:{key}.");
        if (!ApiKeys.LooksValid(key))
            return ApiError.Unauthorized("Invalid API key.");
        var tenant = await tenants.FindByKeyAsync(key, ct).ConfigureAwait(false);
        return tenant is null ? ApiError.Unauthorized("Invalid or revoked API key.") : tenant;
    }

    internal static string? FindPresentedKey(HttpRequest request, bool allowQueryToken)
    {
        var headers = request.Headers;
        if (NonEmpty(headers["X-API-Key"]) is { } xApiKey) return xApiKey;
        if (NonEmpty(headers["api-key"]) is { } apiKey) return apiKey;
        if (NonEmpty(headers.Authorization) is { } authorization)
        {
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                return authorization[7..].Trim();
            if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
                return FromBasic(authorization[6..].Trim());
        }
        if (NonEmpty(headers["token"]) is { } token) return token;
        return allowQueryToken ? NonEmpty(request.Query["token"]) : null;
    }

    /// <summary>Basic credentials are <c>{email}/token:{key}</c>; the email is not checked (the key alone identifies the tenant).</summary>
    private static string? FromBasic(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var marker = decoded.IndexOf("/token:", StringComparison.Ordinal);
            return marker < 0 ? null : decoded[(marker + 7)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string? NonEmpty(Microsoft.Extensions.Primitives.StringValues values)
    {
        var value = values.Count == 1 ? values[0]?.Trim() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
