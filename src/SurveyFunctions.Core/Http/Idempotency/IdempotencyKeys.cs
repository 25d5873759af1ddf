using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The <c>Idempotency-Key</c> header and the keys of its rows: which header values are keys, the caller's scope (the
/// partition), the key's row (a hash, since a key may hold characters table keys may not), and the request's fingerprint
/// (what "the same request" means: method, route template and values, query, the policy's headers, and the body's bytes).
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;

    /// <summary>The key the request sends; null when it sends none; an error when the header is not one key of 1-255 printable ASCII.</summary>
    public static Outcome<string?> Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
            return (string?)null;
        if (values.Count != 1 || values[0] is not { } key)
            return Invalid("send it once");
        if (key.Length is 0 or > MaxLength)
            return Invalid($"it must be 1 to {MaxLength} characters");
        if (key.Any(c => c is < ' ' or > '~'))
            return Invalid("it may hold printable ASCII characters only");
        return key;
    }

    private static ApiError Invalid(string why) =>
        ApiError.BadRequest($"The {Header} header is not a valid key: {why} (a UUID is a good key).", Header);

    /// <summary>The partition of a caller: the tenant, or a hash of a public route's credential (never the credential itself).</summary>
    public static string TenantScope(string tenantId) => "t|" + tenantId;

    public static string CredentialScope(string credential) => "c|" + Hash(credential);

    public static string RowKey(string method, string template, string key) => Hash($"{method.ToUpperInvariant()} {template}\n{key}");

    public static string Fingerprint(HttpRequest request, string template, IdempotencyPolicy policy, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new StringBuilder().Append(request.Method.ToUpperInvariant()).Append(' ').Append(template).Append('\n');
        foreach (var (name, value) in request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal))
            head.Append(name).Append('=').Append(value).Append('\n');
        head.Append(request.QueryString.Value).Append('\n');
        foreach (var name in policy.RequestHeaders ?? [])
            head.Append(name).Append(':').Append(request.Headers[name].ToString()).Append('\n');
        hash.AppendData(Encoding.UTF8.GetBytes(head.Append('\n').ToString()));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
